import type { Plugin, YogaLogger } from 'graphql-yoga';
import { type Logger, pino } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured JSON logs on stdout. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: 'mtls-portal' } });
}

/** Yoga's own messages (masked errors with their stacks included) go to pino. */
export function yogaLogger(logger: Logger): YogaLogger {
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const [first, ...rest] = args;
      if (first instanceof Error) logger[level]({ err: first, details: rest }, first.message);
      else logger[level]({ details: rest.length > 0 ? rest : undefined }, String(first));
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

const QUIET_PATHS = new Set(['/health', '/metrics']);

/** One line per HTTP request: method, path, status, duration (probes at debug). */
export function useRequestLog(logger: Logger): Plugin {
  // Keyed by the server context: plugins may replace the Request object (see body-limit.ts).
  const started = new WeakMap<object, number>();
  return {
    onRequest({ serverContext }) {
      started.set(serverContext, performance.now());
    },
    onResponse({ request, response, serverContext }) {
      const path = new URL(request.url).pathname;
      const ms =
        Math.round((performance.now() - (started.get(serverContext) ?? performance.now())) * 10) / 10;
      const line = { method: request.method, path, status: response.status, ms };
      if (QUIET_PATHS.has(path)) logger.debug(line, 'request');
      else logger.info(line, 'request');
    },
  };
}
