// `pnpm tui` / `mtls-tui`: flags and environment → startup check → the full-screen app.
import './interactive-terminal.ts';
import { render } from 'ink';
import { App } from './app.tsx';
import { readConfig, USAGE } from './config.ts';
import { readEnv } from './env.ts';
import { AbortError } from './errors.ts';
import { createPortalClient } from './graphql/client.ts';
import { connect } from './graphql/connect.ts';

const ENTER_ALTERNATE_SCREEN = '\u001B[?1049h\u001B[H';
const LEAVE_ALTERNATE_SCREEN = '\u001B[?1049l';

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2), readEnv());
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  const client = createPortalClient(config);
  const viewer = await connect(client, config.url);
  process.stdout.write(ENTER_ALTERNATE_SCREEN);
  const instance = render(
    <App client={client} viewer={viewer} url={config.url} readOnly={config.readOnly} cwd={config.cwd} />,
    { exitOnCtrlC: false, maxFps: 60 },
  );
  try {
    await instance.waitUntilExit();
  } finally {
    process.stdout.write(LEAVE_ALTERNATE_SCREEN);
  }
  process.exit(0);
}

main().catch((error: unknown) => {
  if (error instanceof AbortError) {
    console.error(error.format());
    process.exit(1);
  }
  throw error;
});
