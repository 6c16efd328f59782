import type { Plugin } from 'graphql-yoga';

function tooLarge(maxBytes: number): Response {
  return Response.json(
    {
      errors: [
        { message: `The request body is over ${maxBytes} bytes.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } },
      ],
    },
    { status: 413 },
  );
}

/**
 * Refuses request bodies over `maxBytes` before anything parses them: at once when Content-Length
 * says so, otherwise while reading (a chunked body has no length to check).
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse }) {
      if (!request.body) return;
      if (Number(request.headers.get('content-length') ?? 0) > maxBytes)
        return endResponse(tooLarge(maxBytes));
      const chunks: Uint8Array[] = [];
      let size = 0;
      const reader = request.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) {
          await reader.cancel();
          return endResponse(tooLarge(maxBytes));
        }
        chunks.push(value);
      }
      setRequest(
        new Request(request.url, {
          method: request.method,
          headers: request.headers,
          body: Buffer.concat(chunks),
        }),
      );
    },
  };
}
