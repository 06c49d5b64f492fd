import { Field, Int, ObjectType } from 'type-graphql';
import { DataSource, type EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import { BadInputError } from '../../common/errors';
import { DateTimeScalar } from '../../common/scalars';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import type { ClientInfo } from './sessions.service';

@ObjectType({ description: 'Текст согласия на обработку персональных данных (152-ФЗ), одна из его версий' })
export class ConsentText {
  @Field(() => Int)
  version: number;

  @Field(() => String)
  text: string;

  @Field(() => DateTimeScalar)
  publishedAt: Date;

  @Field(() => Boolean, { description: 'The signed-in parent has consented to this version (false for anyone else)' })
  accepted: boolean;
}

/** Consent to personal-data processing: the current text, who consented to which version, when and from where. */
@Service()
export class ConsentService {
  constructor(private readonly dataSource: DataSource) {}

  async current(actor: Actor | undefined): Promise<ConsentText> {
    const [row] = await this.dataSource.query(
      `SELECT v.version, v.text, v.published_at AS "publishedAt",
              EXISTS (SELECT 1 FROM consents c WHERE c.user_id = $1 AND c.version = v.version AND c.withdrawn_at IS NULL) AS accepted
         FROM consent_versions v ORDER BY v.version DESC LIMIT 1`,
      [actor?.userId ?? null],
    );
    return row;
  }

  /** Registration and re-consent name the version the person read: consenting to a text they never saw counts for nothing. */
  async requireCurrentVersion(version: number): Promise<void> {
    const [{ current }] = await this.dataSource.query(`SELECT max(version) AS current FROM consent_versions`);
    if (version !== current) {
      throw new BadInputError('Текст согласия обновился, пока страница была открыта. Прочитайте его снова и подтвердите согласие.', 'consentVersion');
    }
  }

  async record(manager: EntityManager, userId: string, version: number, client: ClientInfo): Promise<void> {
    await manager.query(`INSERT INTO consents (user_id, version, ip, user_agent) VALUES ($1, $2, $3, $4) ON CONFLICT (user_id, version) DO NOTHING`, [
      userId,
      version,
      client.ip,
      client.userAgent,
    ]);
  }

  /** A signed-in parent consents to the current text (asked again after it changed). */
  async give(actor: Actor | undefined, version: number, client: ClientInfo): Promise<ConsentText> {
    const parent = requireRole(actor, Role.PARENT);
    await this.requireCurrentVersion(version);
    await this.record(this.dataSource.manager, parent.userId, version, client);
    return this.current(parent);
  }
}
