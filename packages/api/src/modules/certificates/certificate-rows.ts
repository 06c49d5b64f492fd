import { randomInt } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { InvalidTransitionError, NotFoundError } from '../../common/errors';
import { Certificate } from './certificate.entity';
import { CertificateStatus, STATUS_LABELS } from './certificates.enums';
import { Child } from './child.entity';
import { certificateValidUntil } from './child.service';

/* The row-level steps every certificate transition shares: lock, check the status, change it with an audit line. */

export async function changeCertificateStatus(manager: EntityManager, certificate: Certificate, actorUserId: string, action: string, patch: Partial<Certificate>, details: Record<string, unknown> = {}): Promise<Certificate> {
  await manager.update(Certificate, { id: certificate.id }, patch);
  await writeAudit(manager, {
    actorUserId,
    entityType: 'certificate',
    entityId: certificate.id,
    action,
    before: { status: certificate.status, reason: certificate.statusReason },
    after: { status: patch.status ?? certificate.status, reason: patch.statusReason === undefined ? certificate.statusReason : patch.statusReason, ...details },
  });
  return manager.findOneByOrFail(Certificate, { id: certificate.id });
}

export function requireCertificateStatus(certificate: Certificate, allowed: CertificateStatus[], message: string): void {
  if (!allowed.includes(certificate.status)) {
    throw new InvalidTransitionError(`${message}; сейчас: ${STATUS_LABELS[certificate.status]}`, { status: certificate.status });
  }
}

export async function lockCertificate(manager: EntityManager, id: string): Promise<Certificate> {
  const certificate = await manager.findOne(Certificate, { where: { id }, lock: { mode: 'pessimistic_write' } });
  if (!certificate) throw new NotFoundError('Сертификат');
  return certificate;
}

/** The parent's own certificate only: the owner is part of the query. */
export async function lockOwnCertificate(manager: EntityManager, id: string, parentUserId: string): Promise<Certificate> {
  const certificate = await manager
    .getRepository(Certificate)
    .createQueryBuilder('c')
    .innerJoin(Child, 'ch', 'ch.id = c.child_id')
    .where('c.id = :id AND ch.parent_user_id = :parentUserId', { id, parentUserId })
    .setLock('pessimistic_write', undefined, ['c'])
    .getOne();
  if (!certificate) throw new NotFoundError('Сертификат');
  return certificate;
}

/** Numbers are random (not guessable in sequence); a collision simply draws again. */
export async function insertCertificateWithFreshNumber(manager: EntityManager, child: Child): Promise<string> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const number = `28${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO certificates (number, child_id, municipality_id, status, valid_until) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (number) DO NOTHING RETURNING id`,
      [number, child.id, child.municipalityId, CertificateStatus.PENDING_VERIFICATION, certificateValidUntil(child.birthDate)],
    );
    if (rows.length) return rows[0].id;
  }
  throw new Error('could not draw a free certificate number');
}
