import type { EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import type { ApplicationSide } from '../contracts/contract-applications';
import type { Contract } from '../contracts/contract.entity';
import { type ApplicationNames, applicationPhrases } from '../notifications/phrasebook/applications';
import type { Phrase } from '../notifications/phrasebook/phrase';
import { Application } from './application.entity';
import { ApplicationTransitions, lockApplication } from './application-transitions';
import { Waitlist } from './application-waitlist';
import { ApplicationStatus } from './enrollment.enums';

/**
 * The application's side of a contract's lifecycle, which the contracts
 * module calls through its `ContractApplications` seam (registered in
 * `createContainer`): signing enrolls the child, a contract's end ends the
 * enrollment and gives the seat to the waitlist.
 */
@Service()
export class ContractApplicationSide implements ApplicationSide {
  constructor(
    private readonly transitions: ApplicationTransitions,
    private readonly waitlist: Waitlist,
  ) {}

  lock(m: EntityManager, applicationId: string): Promise<Application> {
    return lockApplication(m, applicationId, {});
  }

  async lockOfContract(m: EntityManager, contractId: string, parentUserId: string): Promise<Application | null> {
    return m
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = (SELECT c.application_id FROM contracts c WHERE c.id = :contractId AND c.parent_user_id = :parentUserId)', { contractId, parentUserId })
      .getOne();
  }

  async enrolled(m: EntityManager, contract: Contract, application: Application, actorUserId: string): Promise<void> {
    await this.transitions.changeStatus(m, application, ApplicationStatus.ENROLLED, {
      actorUserId,
      contractId: contract.id,
      notice: (n) => applicationPhrases.enrolled(n, contract.number, contract.startsOn, contract.endsOn),
    });
  }

  /**
   * When a signed contract ends (terminated or completed), in the caller's
   * transaction: the application becomes ENDED (the child may apply to the
   * program again), the parent is notified, the seat is freed and the
   * waitlist moves up.
   */
  async ended(m: EntityManager, applicationId: string, actorUserId: string | null, notice: (names: ApplicationNames) => Phrase): Promise<ApplicationNames> {
    const application = await lockApplication(m, applicationId, {});
    const names = await this.transitions.names(m, application);
    await this.transitions.changeStatus(m, application, ApplicationStatus.ENDED, { actorUserId, notice, names });
    await this.waitlist.freeSeatAndPromote(m, application.groupId);
    return names;
  }
}
