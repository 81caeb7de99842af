import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type HttpEvent = APIGatewayProxyEventV2;
export type HttpResult = APIGatewayProxyStructuredResultV2;

/** What a route handler sees: the event plus decoded parts. */
export interface HttpRequest {
  event: HttpEvent;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** The decoded body (base64 undone), or undefined when there is none. */
  rawBody: string | undefined;
}

/** What a route handler returns; the serializer turns it into the API Gateway result. */
export type HttpResponse =
  | { status: number; json: unknown; headers?: Record<string, string> }
  | { status: number; text: string; contentType: string; headers?: Record<string, string> };

export type RouteHandler = (req: HttpRequest) => Promise<HttpResponse>;
