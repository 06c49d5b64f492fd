import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode } from '../../common/errors';
import type { Actor } from '../../common/actor';
import { CatalogErrorCode } from './catalog.errors';
import type { Organization } from './organization.entity';
import { Program } from './program.entity';

/** Only organizations connected to personalized financing run CERTIFICATE programs. */
export function assertConnected(organization: Organization): void {
  if (!organization.pfConnected) {
    throw new DomainError(
      CatalogErrorCode.PF_NOT_CONNECTED,
      'Программы с оплатой сертификатом доступны только организациям, подключённым к персонифицированному финансированию. Обратитесь в МОЦ своего муниципалитета.',
    );
  }
}

/** A program of the actor's organization (the owner is part of the query), or NOT_FOUND. */
export async function findOwnProgram(manager: EntityManager, staff: Actor, programId: string, lock = false): Promise<Program> {
  const program = await manager.findOne(Program, {
    where: { id: programId, organizationId: staff.organizationId! },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!program) throw new DomainError(ErrorCode.NOT_FOUND, 'Программа не найдена среди программ вашей организации');
  return program;
}

export function lockOwnProgram(manager: EntityManager, staff: Actor, programId: string): Promise<Program> {
  return findOwnProgram(manager, staff, programId, true);
}
