import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../common/errors';

/**
 * What a parent must have done before adding a child or applying: confirmed
 * the e-mail and consented to the current text of the personal-data consent.
 * Browsing needs neither. Called inside the caller's transaction.
 */
export async function requireParentInGoodStanding(manager: EntityManager, userId: string): Promise<void> {
  const [row]: { confirmed: boolean; consented: boolean }[] = await manager.query(
    `SELECT u.email_confirmed_at IS NOT NULL AS confirmed,
            EXISTS (SELECT 1 FROM consents c
                     WHERE c.user_id = u.id AND c.withdrawn_at IS NULL
                       AND c.version = (SELECT max(version) FROM consent_versions)) AS consented
       FROM users u WHERE u.id = $1`,
    [userId],
  );
  if (!row?.confirmed) {
    throw new DomainError(ErrorCode.EMAIL_NOT_CONFIRMED, 'Подтвердите адрес электронной почты: ссылка в письме, которое мы отправили при регистрации. Письмо можно отправить ещё раз в личном кабинете.');
  }
  if (!row.consented) {
    throw new DomainError(ErrorCode.CONSENT_REQUIRED, 'Текст согласия на обработку персональных данных обновился. Прочитайте его и подтвердите согласие в личном кабинете.');
  }
}
