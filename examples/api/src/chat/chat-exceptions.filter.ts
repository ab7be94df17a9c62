import {
  type ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import { BaseWsExceptionFilter, WsException } from '@nestjs/websockets';
import { EXCEPTION_EVENT } from './chat-events.js';

/** The error a chat client gets back for a message that failed. */
export interface ChatError {
  status: 'error';
  /** The event that failed, such as `message:send`. */
  event: string;
  /** The HTTP status the same failure has in the HTTP API. */
  statusCode: number;
  /** The reason, or one reason per invalid field. */
  message: string | string[];
}

/**
 * Replies to a failed chat message with a `ChatError`: in the
 * acknowledgement when the socket.io client requested one, else in an
 * `exception` event. HTTP exceptions of the shared services and of the
 * validation pipe keep their status. Any other error is logged and becomes
 * a 500.
 */
@Catch()
export class ChatExceptionsFilter extends BaseWsExceptionFilter {
  private readonly logger = new Logger('ChatGateway');

  override catch(exception: unknown, host: ArgumentsHost): void {
    const ws = host.switchToWs();
    const error = chatErrorOf(exception, ws.getPattern());
    if (error.statusCode >= HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error(exception);
    }

    // socket.io handlers receive (socket, data, ack); ws handlers receive
    // (socket, data, event), so only socket.io has a function there.
    const ack: unknown = host.getArgByIndex(2);
    if (typeof ack === 'function') {
      ack({ error });
      return;
    }
    this.emitMessage(ws.getClient(), EXCEPTION_EVENT, error);
  }
}

function chatErrorOf(exception: unknown, event: string): ChatError {
  if (exception instanceof HttpException) {
    return {
      status: 'error',
      event,
      statusCode: exception.getStatus(),
      message: httpMessage(exception),
    };
  }
  if (exception instanceof WsException) {
    const reason = exception.getError();
    return {
      status: 'error',
      event,
      statusCode: HttpStatus.BAD_REQUEST,
      message: typeof reason === 'string' ? reason : exception.message,
    };
  }
  return {
    status: 'error',
    event,
    statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
    message: 'Internal server error',
  };
}

/** Returns the reasons of a validation error, or the exception's message. */
function httpMessage(exception: HttpException): string | string[] {
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null) {
    const { message } = response as { message?: unknown };
    if (typeof message === 'string' || Array.isArray(message)) {
      return message as string | string[];
    }
  }
  return exception.message;
}
