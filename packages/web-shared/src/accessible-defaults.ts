import { Alert, Anchor, Modal, Notification } from '@mantine/core';

/**
 * Component defaults both SPAs need for WCAG 2.1 AA: icon-only close buttons get a name, and links are underlined
 * so they stand out from the text around them by more than colour.
 */
export const accessibleComponents = {
  Alert: Alert.extend({ defaultProps: { closeButtonLabel: 'Закрыть сообщение' } }),
  Anchor: Anchor.extend({ defaultProps: { underline: 'always' } }),
  Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть' } } }),
  Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Закрыть уведомление' } } }),
};
