// urql aborts an SSE response it no longer wants (`@urql/core` src/internal/fetchSource.ts
// `makeFetchSource`), and on Node 20 the reader of the aborted body rejects where no one listens:
// an unhandled AbortError that ends the process. This fetch hands urql a body of its own instead.
// urql's abort closes that body cleanly (urql sees the stream end) and only then is the real
// response cancelled, with its rejection caught here.

type Fetch = typeof fetch;

export function sseSafeFetch(inner: Fetch = fetch): Fetch {
  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    const upstream = new AbortController();
    const response = await inner(input, { ...init, signal: upstream.signal });
    const type = response.headers.get('content-type') ?? '';
    if (!/text\/event-stream|multipart\/mixed/i.test(type) || !response.body) {
      // A plain answer is small: it is left to finish, and urql drops it if no longer wanted.
      return response;
    }
    const reader = response.body.getReader();
    let closed = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const stop = () => {
          if (closed) return;
          closed = true;
          controller.close();
          reader.cancel().catch(() => {});
          upstream.abort();
        };
        if (signal?.aborted) stop();
        signal?.addEventListener('abort', stop, { once: true });
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (closed) return;
          if (done) {
            closed = true;
            controller.close();
          } else controller.enqueue(value);
        } catch (error) {
          if (closed) return;
          closed = true;
          controller.error(error);
        }
      },
      cancel() {
        closed = true;
        reader.cancel().catch(() => {});
        upstream.abort();
      },
    });
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
