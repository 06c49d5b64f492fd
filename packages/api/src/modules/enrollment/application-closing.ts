import { DataSource, type EntityManager } from 'typeorm';
import { writeAudit } from '../../common/audit';
import { Clock } from '../../common/clock';
import { AppSettings, Service } from '../../common/container';
import { idempotent } from '../../common/idempotency';
import { type Actor, requireRole } from '../../common/actor';
import { Role } from '../../common/role';
import { ContractFundingService } from '../contracts/contract-funding.service';
import { ContractOffers } from '../contracts/contract-offers';
import { canMove, lockContract } from '../contracts/contract-transitions';
import type { Contract } from '../contracts/contract.entity';
import { ContractStatus } from '../contracts/contracts.enums';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { ApplicationTransitions, assertTransition, lockApplication, STATUS_NAMES, type StatusChange } from './application-transitions';
import { Waitlist } from './application-waitlist';
import { ApplicationStatus } from './enrollment.enums';

const EXPIRY_BATCH = 200;

/**
 * Applications that end without a contract: the organization rejects, the
 * parent cancels, or the offer is not signed in time. Whatever the
 * application held is returned: the offer is withdrawn, its blocked money
 * unblocked, the seat freed, and the waitlist moves up.
 */
@Service()
export class ApplicationClosing {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: AppSettings,
    private readonly transitions: ApplicationTransitions,
    private readonly waitlist: Waitlist,
    private readonly offers: ContractOffers,
    private readonly funding: ContractFundingService,
    private readonly clock: Clock,
  ) {}

  async rejectApplication(actor: Actor | undefined, applicationId: string, reason: string, idempotencyKey?: string | null): Promise<Application> {
    const staff = requireRole(actor, Role.PROVIDER_STAFF);
    return this.dataSource.transaction((m) =>
      idempotent(m, staff.userId, idempotencyKey, { operation: 'rejectApplication', args: { applicationId, reason } }, (id) => m.findOneByOrFail(Application, { id }), async () => {
        const application = await lockApplication(m, applicationId, { organizationId: staff.organizationId! });
        await this.close(m, application, ApplicationStatus.REJECTED, { actorUserId: staff.userId, rejectReason: reason, notice: (n) => applicationPhrases.rejected(n, reason) });
        return application;
      }),
    );
  }

  /** The parent withdraws an application before signing; a held seat and blocked money are returned. */
  async cancelApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null): Promise<Application> {
    const parent = requireRole(actor, Role.PARENT);
    return this.dataSource.transaction((m) =>
      idempotent(m, parent.userId, idempotencyKey, { operation: 'cancelApplication', args: { applicationId } }, (id) => m.findOneByOrFail(Application, { id }), async () => {
        const application = await lockApplication(m, applicationId, { parentUserId: parent.userId });
        await this.close(m, application, ApplicationStatus.CANCELLED, { actorUserId: parent.userId, notice: applicationPhrases.cancelled });
        return application;
      }),
    );
  }

  /**
   * Expires offers whose deadline passed by `now`: the block is lifted, the
   * seat freed and the waitlist moves up. Each offer is its own transaction
   * re-checked under lock, so running twice (or on two processes) is harmless.
   */
  async expireOffers(now = this.clock.now(), stopping?: AbortSignal): Promise<number> {
    let expired = 0;
    for (;;) {
      const due: { id: string; application_id: string }[] = await this.dataSource.query(
        `SELECT id, application_id FROM contracts WHERE status = 'OFFERED' AND offer_expires_at <= $1 ORDER BY offer_expires_at, id LIMIT $2`,
        [now, EXPIRY_BATCH],
      );
      let progressed = 0;
      for (const row of due) {
        if (stopping?.aborted) return expired + progressed;
        try {
          progressed += await this.dataSource.transaction(async (m) => {
            const application = await lockApplication(m, row.application_id, {});
            const contract = (await lockContract(m, row.id))!;
            if (application.status !== ApplicationStatus.CONFIRMED || !canMove(contract.status, ContractStatus.EXPIRED) || contract.offerExpiresAt > now) return 0;
            await this.close(m, application, ApplicationStatus.EXPIRED, {
              actorUserId: null,
              notice: (n) => applicationPhrases.expired(n, contract.number, contract.offerExpiresAt),
            });
            return 1;
          });
        } catch (err) {
          this.settings.logger.error({ err, contractId: row.id }, 'could not expire an offer');
        }
      }
      expired += progressed;
      if (due.length < EXPIRY_BATCH || progressed === 0) return expired;
    }
  }

  /**
   * Ends the application in `to` and returns what it held (lock order: the
   * application, its offer, the group, then the certificate account).
   */
  private async close(m: EntityManager, application: Application, to: ApplicationStatus, change: StatusChange): Promise<void> {
    assertTransition(application, to);
    const from = application.status;
    let contract: Contract | null = null;
    if (from === ApplicationStatus.CONFIRMED) {
      const reason = `${STATUS_NAMES[to]}${change.rejectReason ? `: ${change.rejectReason}` : ''}`;
      contract = await this.offers.withdraw(m, application.id, to === ApplicationStatus.EXPIRED ? ContractStatus.EXPIRED : ContractStatus.CANCELLED, reason);
    }
    await this.transitions.changeStatus(m, application, to, { ...change, contractId: contract?.id });
    if (from === ApplicationStatus.CONFIRMED) {
      await this.waitlist.freeSeatAndPromote(m, application.groupId);
    } else if (from === ApplicationStatus.SUBMITTED) {
      await this.waitlist.promote(m, application.groupId);
    }
    if (contract) await this.funding.cancelAtClose(m, contract, change.actorUserId, `Оферта № ${contract.number} ${STATUS_NAMES[to]}: блокировка снята`);
    await writeAudit(m, { actorUserId: change.actorUserId, entityType: 'application', entityId: application.id, action: to.toLowerCase(), before: { status: from }, after: { status: to } });
  }
}
