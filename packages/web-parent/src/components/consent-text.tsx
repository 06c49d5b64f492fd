import { ScrollArea, Text } from '@mantine/core';
import { graphql } from '../gql';

export const CurrentConsentQuery = graphql(`
  query CurrentConsent {
    currentConsent {
      version
      text
      accepted
    }
  }
`);

/** The consent text as published: scrollable, in its own paragraphs, so it can be read before agreeing. */
export function ConsentText({ text, version }: { text: string; version: number }) {
  return (
    // The viewport is what scrolls, so it is what the keyboard must reach (arrows then scroll the text).
    <ScrollArea.Autosize mah={220} type="auto" offsetScrollbars viewportProps={{ tabIndex: 0, role: 'region', 'aria-label': `Текст согласия, редакция ${version}` }}>
      {text.split('\n\n').map((paragraph, i) => (
        <Text key={i} size="sm" mb="xs" fw={i === 0 ? 700 : undefined}>
          {paragraph}
        </Text>
      ))}
      <Text size="xs" c="dimmed">
        Редакция {version}
      </Text>
    </ScrollArea.Autosize>
  );
}
