import {
  BadRequestException,
  Injectable,
  type PipeTransform,
} from '@nestjs/common';
import { MAX_ID } from './limits.js';

const DECIMAL_ID = /^[1-9][0-9]{0,9}$/;

/**
 * Parses a route id. Anything but a decimal integer from 1 to `MAX_ID` is a
 * 400, because larger numbers overflow the id columns and would fail in the
 * database instead.
 */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = DECIMAL_ID.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(id) || id > MAX_ID) {
      throw new BadRequestException(
        `Invalid id "${value}": expected an integer from 1 to ${MAX_ID}.`,
      );
    }
    return id;
  }
}
