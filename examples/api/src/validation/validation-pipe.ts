import { ValidationPipe } from '@nestjs/common';

/**
 * Builds the app-wide pipe: properties without a validator are rejected
 * rather than stripped, and bodies and queries become their DTO classes.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
  });
}
