import { Module } from '@nestjs/common';
import { DebugController } from './debug.controller.js';

/** The test-only fault routes under `/debug`; see `DebugController`. */
@Module({ controllers: [DebugController] })
export class DebugModule {}
