import { Service } from '../../common/container';
import type { Actor } from '../../common/actor';
import { ApplicationClosing } from './application-closing';
import { ApplicationConfirmation } from './application-confirmation';
import { type SubmitApplicationCommand, ApplicationSubmission } from './application-submission';
import type { Application } from './application.entity';

/**
 * Enrollment's entry points (DESIGN.md «Enrollment»): applications and the
 * waitlist. Each transition lives in its own file and runs in one
 * transaction locking in one order: the application row, its contract, the
 * group row, then the certificate account (inside the ledger). The group
 * row lock also serialises everything that changes a group's claims
 * (submitted applications plus taken seats), so capacity and waitlist
 * positions hold under a rush:
 *
 * - `application-submission.ts`: submit (SUBMITTED, or WAITLISTED when full);
 * - `application-confirmation.ts`: confirm (the seat and the contract offer);
 * - `application-closing.ts`: reject, cancel, expire an unsigned offer;
 * - `application-waitlist.ts`: the waitlist moving up;
 * - `contract-application-side.ts`: what signing and a contract's end do to the application.
 */
@Service()
export class EnrollmentService {
  constructor(
    private readonly submission: ApplicationSubmission,
    private readonly confirmation: ApplicationConfirmation,
    private readonly closing: ApplicationClosing,
  ) {}

  submitApplication(actor: Actor | undefined, command: SubmitApplicationCommand): Promise<Application> {
    return this.submission.submitApplication(actor, command);
  }

  confirmApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null, now?: Date): Promise<Application> {
    return this.confirmation.confirmApplication(actor, applicationId, idempotencyKey, now);
  }

  rejectApplication(actor: Actor | undefined, applicationId: string, reason: string, idempotencyKey?: string | null): Promise<Application> {
    return this.closing.rejectApplication(actor, applicationId, reason, idempotencyKey);
  }

  cancelApplication(actor: Actor | undefined, applicationId: string, idempotencyKey?: string | null): Promise<Application> {
    return this.closing.cancelApplication(actor, applicationId, idempotencyKey);
  }

  expireOffers(now?: Date, stopping?: AbortSignal): Promise<number> {
    return this.closing.expireOffers(now, stopping);
  }
}
