import { DataSource, type EntityManager, QueryFailedError } from 'typeorm';
import { AppSettings, Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { addDays, addYears, ageOn } from '../../common/dates';
import { BadInputError, DomainError, ErrorCode, InvalidTransitionError, NotFoundError } from '../../common/errors';
import { type Actor, requireOperatorOf, requireRole } from '../../common/actor';
import { requireParentInGoodStanding } from '../accounts/parent-standing';
import { Role } from '../../common/role';
import { Municipality } from '../municipalities/municipality.entity';
import { Certificate } from './certificate.entity';
import { CertificateStatus } from './certificates.enums';
import { Child } from './child.entity';
import type { AddChildInput, UpdateChildInput } from './inputs/child.input';
import { formatSnils, isValidSnils, maskSnils, normalizeSnils, SnilsCrypto } from '../../common/snils';

/** Children may be registered from their 5th birthday until the day before their 18th. */
export const MIN_AGE = 5;
export const MAX_AGE = 17;

/** The last day a certificate is valid: the day before the 18th birthday. */
export function certificateValidUntil(birthDate: string): string {
  return addDays(addYears(birthDate, 18), -1);
}

@Service()
export class ChildService {
  private readonly crypto: SnilsCrypto;

  constructor(
    private readonly dataSource: DataSource,
    settings: AppSettings,
    private readonly clock: Clock,
  ) {
    this.crypto = new SnilsCrypto(settings.config.dataEncryptionKey);
  }

  async myChildren(actor: Actor | undefined): Promise<Child[]> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.getRepository(Child).find({ where: { parentUserId: parent.userId }, order: { birthDate: 'ASC', createdAt: 'ASC' } });
  }

  /** The parent sees their own child; operators of the child's municipality and the region admin see any. */
  async child(actor: Actor | undefined, id: string): Promise<Child | null> {
    const viewer = requireRole(actor);
    const child = await this.dataSource.getRepository(Child).findOneBy(viewer.role === Role.PARENT ? { id, parentUserId: viewer.userId } : { id });
    if (!child) return null;
    if (viewer.role !== Role.PARENT) requireOperatorOf(viewer, child.municipalityId);
    return child;
  }

  async addChild(actor: Actor | undefined, input: AddChildInput): Promise<Child> {
    const parent = requireRole(actor, Role.PARENT);
    const snils = this.validSnils(input.snils);
    this.checkAge(input.birthDate);
    return this.uniqueSnils(() =>
      this.dataSource.transaction(async (manager) => {
        await requireParentInGoodStanding(manager, parent.userId);
        await this.requireMunicipality(manager, input.municipalityId);
        await this.refuseTakenSnils(manager, snils);
        return manager.save(
          manager.create(Child, {
            parentUserId: parent.userId,
            municipalityId: input.municipalityId,
            lastName: input.lastName.trim(),
            firstName: input.firstName.trim(),
            middleName: input.middleName?.trim() || null,
            birthDate: input.birthDate,
            gender: input.gender,
            ...this.crypto.protect(snils),
          }),
        );
      }),
    );
  }

  /** Changes are possible until the documents are checked (certificate verified); afterwards only the МОЦ corrects them. */
  async updateChild(actor: Actor | undefined, childId: string, input: UpdateChildInput): Promise<Child> {
    const parent = requireRole(actor, Role.PARENT);
    const snils = input.snils == null ? null : this.validSnils(input.snils);
    if (input.birthDate != null) this.checkAge(input.birthDate);
    return this.uniqueSnils(() =>
      this.dataSource.transaction(async (manager) => {
        const child = await manager.findOne(Child, { where: { id: childId, parentUserId: parent.userId }, lock: { mode: 'pessimistic_write' } });
        if (!child) throw new NotFoundError('Ребёнок');
        const certificate = await manager.findOneBy(Certificate, { childId });
        if (certificate && certificate.status !== CertificateStatus.PENDING_VERIFICATION) {
          throw new InvalidTransitionError('Данные ребёнка уже проверены вместе с сертификатом. Чтобы исправить их, обратитесь в муниципальный опорный центр.');
        }
        if (input.municipalityId != null) await this.requireMunicipality(manager, input.municipalityId);
        if (snils != null && this.crypto.hash(snils) !== child.snilsHash) {
          await this.refuseTakenSnils(manager, snils);
          Object.assign(child, this.crypto.protect(snils));
        }
        if (input.lastName != null) child.lastName = input.lastName.trim();
        if (input.firstName != null) child.firstName = input.firstName.trim();
        if (input.middleName != null) child.middleName = input.middleName.trim() || null;
        if (input.birthDate != null) child.birthDate = input.birthDate;
        if (input.gender != null) child.gender = input.gender;
        if (input.municipalityId != null) child.municipalityId = input.municipalityId;
        const saved = await manager.save(child);
        if (certificate) {
          await manager.update(Certificate, { id: certificate.id }, { municipalityId: child.municipalityId, validUntil: certificateValidUntil(child.birthDate) });
        }
        return saved;
      }),
    );
  }

  /** Full SNILS for the child's own parent; everyone else sees only the check digits. */
  snilsFor(actor: Actor | undefined, child: Child): string {
    if (actor?.role === Role.PARENT && actor.userId === child.parentUserId) {
      return formatSnils(this.crypto.decrypt(child.snilsEncrypted));
    }
    return maskSnils(child.snilsLastDigits);
  }

  private validSnils(raw: string): string {
    const snils = normalizeSnils(raw);
    if (!snils || !isValidSnils(snils)) {
      throw new BadInputError('СНИЛС указан с ошибкой: проверьте цифры по документу (11 цифр, контрольное число не сходится)', 'snils');
    }
    return snils;
  }

  private checkAge(birthDate: string): void {
    const today = this.clock.today();
    if (birthDate > today) throw new BadInputError('Дата рождения не может быть в будущем', 'birthDate');
    const age = ageOn(birthDate, today);
    if (age < MIN_AGE || age > MAX_AGE) {
      throw new BadInputError(`Сертификат дополнительного образования оформляется на детей от ${MIN_AGE} до 18 лет, а ребёнку сейчас ${age}`, 'birthDate');
    }
  }

  private async requireMunicipality(manager: EntityManager, id: string): Promise<void> {
    if (!(await manager.existsBy(Municipality, { id }))) throw new BadInputError('Выберите муниципалитет из списка', 'municipalityId');
  }

  private async refuseTakenSnils(manager: EntityManager, snils: string): Promise<void> {
    if (await manager.existsBy(Child, { snilsHash: this.crypto.hash(snils) })) throw snilsTaken();
  }

  /** The unique index decides between two parents registering the same SNILS at the same moment. */
  private async uniqueSnils<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'children_snils_hash') throw snilsTaken();
      throw err;
    }
  }
}

function snilsTaken(): DomainError {
  return new DomainError(ErrorCode.CONFLICT, 'Ребёнок с таким СНИЛС уже зарегистрирован. Если это ваш ребёнок, обратитесь в муниципальный опорный центр.', { field: 'snils' });
}
