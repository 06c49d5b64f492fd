import type { EntityManager } from 'typeorm';
import { Service } from '../../common/container';
import { releaseSeat } from '../catalog/group-seats';
import { applicationPhrases } from '../notifications/phrasebook/applications';
import { Application } from './application.entity';
import { ApplicationTransitions, lockGroup } from './application-transitions';
import { ApplicationStatus } from './enrollment.enums';

/**
 * The group's waitlist (DESIGN.md «Full group and waitlist»): whenever a
 * pending application or a held seat goes away, the first waitlisted
 * applications become SUBMITTED while the group has room. The group row
 * lock serialises it with submissions, so no two share a position.
 */
@Service()
export class Waitlist {
  constructor(private readonly transitions: ApplicationTransitions) {}

  /** Moves waitlisted applications up while the group has room for more pending applications (caller's transaction). */
  async promote(m: EntityManager, groupId: string): Promise<void> {
    const group = await lockGroup(m, groupId);
    const [{ submitted }] = await m.query(`SELECT count(*)::int AS submitted FROM applications WHERE group_id = $1 AND status = 'SUBMITTED'`, [groupId]);
    const room = group.capacity - group.seatsTaken - submitted;
    if (room <= 0) return;
    const next = await m
      .getRepository(Application)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.group_id = :groupId AND a.status = :status', { groupId, status: ApplicationStatus.WAITLISTED })
      .orderBy('a.waitlist_position', 'ASC')
      .limit(room)
      .getMany();
    for (const application of next) {
      await this.transitions.changeStatus(m, application, ApplicationStatus.SUBMITTED, {
        actorUserId: null,
        notice: (n) => applicationPhrases.promoted(n, group.name),
      });
      await this.transitions.notifyStaff(m, application, applicationPhrases.promotedForStaff(group.name));
    }
  }

  /**
   * Frees one taken seat of a group and moves the waitlist up, inside the
   * caller's transaction (lock order: after the application and contract rows,
   * before the certificate account).
   */
  async freeSeatAndPromote(m: EntityManager, groupId: string): Promise<void> {
    await releaseSeat(m, groupId);
    await this.promote(m, groupId);
  }
}
