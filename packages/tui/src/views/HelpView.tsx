// `?`: every key of the current view, by section, straight from the keymap (k9s help.go).
import { Box, Text } from 'ink';
import { helpSections } from '../keys/keymap.ts';
import { VIEW_COMMANDS, type ViewId } from './view-ids.ts';

export function HelpView({ view, readOnly }: { readonly view: ViewId; readonly readOnly: boolean }) {
  const sections = helpSections(view, { readOnly });
  return (
    <Box flexDirection="column">
      <Text bold color="cyan">
        Help{readOnly ? ' (read-only: actions that change something are hidden)' : ''}
      </Text>
      <Box flexDirection="row" flexWrap="wrap" columnGap={4}>
        {sections.map(({ section, actions }) => (
          <Box key={section} flexDirection="column" marginTop={1}>
            <Text bold>{section.toUpperCase()}</Text>
            {actions.map((a) => (
              <Text key={a.id}>
                <Text color={a.dangerous ? 'red' : 'magenta'}>
                  {a.keys
                    .map((k) => `<${k}>`)
                    .join(' ')
                    .padEnd(18)}
                </Text>
                {a.description}
              </Text>
            ))}
          </Box>
        ))}
        <Box flexDirection="column" marginTop={1}>
          <Text bold>COMMANDS</Text>
          {VIEW_COMMANDS.map((c) => (
            <Text key={c.view}>
              <Text color="magenta">{`:${c.aliases[0]}`.padEnd(18)}</Text>
              {c.title} <Text dimColor>({c.aliases.slice(1).join(', ')})</Text>
            </Text>
          ))}
          <Text>
            <Text color="magenta">{':q'.padEnd(18)}</Text>Quit
          </Text>
        </Box>
      </Box>
      <Text dimColor>esc or ? closes this help</Text>
    </Box>
  );
}
