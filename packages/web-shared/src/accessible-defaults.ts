import type { AlertProps, AnchorProps, MantineThemeComponents, ModalProps, NotificationProps } from '@mantine/core';

/**
 * Component defaults both SPAs need for WCAG 2.1 AA: icon-only close buttons get a name, and links are underlined
 * so they stand out from the text around them by more than colour. Written as plain theme entries, not
 * `Modal.extend(…)`: naming a component here would pull its code (and a modal's scroll area and focus trap) into
 * every first screen.
 */
export const accessibleComponents = {
  Alert: { defaultProps: { closeButtonLabel: 'Закрыть сообщение' } satisfies Partial<AlertProps> },
  Anchor: { defaultProps: { underline: 'always' } satisfies Partial<AnchorProps> },
  Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } satisfies Partial<ModalProps> },
  Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть уведомление' } } satisfies Partial<NotificationProps> },
} satisfies MantineThemeComponents;
