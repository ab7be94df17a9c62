import type { ExpectedSpanTree } from '@seda/telemetry/testing';

/** One request to a Nest route, as its spans name it. */
export interface NestRoute {
  method: string;
  /** The route template, such as `/rooms/:roomId/messages`. */
  route: string;
  status: number;
  controller: string;
  /** The controller method's name. */
  handler: string;
}

/**
 * Describes the spans of one request to a Nest app on express: the HTTP
 * server span, Nest's request context (the controller) and Nest's handler,
 * whose children are the spans the handler caused. Express's request handler
 * gets no span under Nest, and must not appear between them.
 */
export function nestRequestTree(
  request: NestRoute,
  handlerChildren: readonly ExpectedSpanTree[],
): ExpectedSpanTree {
  const { method, route, status, controller, handler } = request;
  return {
    name: `${method} ${route}`,
    kind: 'SERVER',
    attributes: {
      'http.request.method': method,
      'http.route': route,
      'http.response.status_code': status,
    },
    children: [
      {
        name: `${controller}.${handler}`,
        attributes: {
          'nestjs.type': 'request_context',
          'nestjs.controller': controller,
          'nestjs.callback': handler,
        },
        children: [
          {
            name: handler,
            attributes: { 'nestjs.type': 'handler' },
            children: handlerChildren,
          },
        ],
      },
    ],
  };
}

/** Describes the span of a Prisma Client operation, such as Message.create. */
export function prismaOperation(
  model: string,
  method: string,
  children: readonly ExpectedSpanTree[] = [],
): ExpectedSpanTree {
  return {
    name: 'prisma:client:operation',
    attributes: { model, method },
    children,
  };
}

/**
 * Describes the span of a query that Prisma sent to the database, where
 * `system` is the `db.system.name` (`sqlite`, `postgresql`) and `text`
 * matches the SQL.
 */
export function dbQuery(system: string, text: RegExp): ExpectedSpanTree {
  return {
    name: 'prisma:client:db_query',
    kind: 'CLIENT',
    attributes: { 'db.system.name': system, 'db.query.text': text },
  };
}
