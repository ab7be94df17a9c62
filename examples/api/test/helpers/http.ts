/** A JSON response: its status and parsed body. */
export interface JsonResponse<T = any> {
  status: number;
  body: T;
}

/** Sends JSON requests to one base URL. */
export interface ApiClient {
  get<T = any>(path: string): Promise<JsonResponse<T>>;
  post<T = any>(path: string, body?: unknown): Promise<JsonResponse<T>>;
  /** Posts `raw` as the body unchanged, with a JSON content type. */
  postRaw<T = any>(path: string, raw: string): Promise<JsonResponse<T>>;
}

export function apiClient(baseUrl: string): ApiClient {
  return {
    get: (path) => send(baseUrl, path, { method: 'GET' }),
    post: (path, body) =>
      send(baseUrl, path, postInit(JSON.stringify(body ?? {}))),
    postRaw: (path, raw) => send(baseUrl, path, postInit(raw)),
  };
}

function postInit(body: string): RequestInit {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  };
}

async function send<T>(
  baseUrl: string,
  path: string,
  init: RequestInit,
): Promise<JsonResponse<T>> {
  const response = await fetch(new URL(path, baseUrl), init);
  const text = await response.text();
  return {
    status: response.status,
    body: (text === '' ? undefined : JSON.parse(text)) as T,
  };
}
