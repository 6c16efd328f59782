import { Text } from 'ink';

/** The view stack as `Certificates › Acme › acme-client` (k9s crumbs); the current view stands out. */
export function Crumbs({ crumbs }: { readonly crumbs: readonly string[] }) {
  const last = crumbs.length - 1;
  return (
    <Text wrap="truncate">
      {crumbs.map((crumb, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a crumb is its position in the stack.
        <Text key={i}>
          {i > 0 ? <Text dimColor> › </Text> : null}
          <Text color={i === last ? 'black' : 'gray'} backgroundColor={i === last ? 'cyan' : undefined}>
            {` ${crumb} `}
          </Text>
        </Text>
      ))}
    </Text>
  );
}
