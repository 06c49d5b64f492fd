import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorByEmail, createTestApp } from '../../../test/app';
import { organizationIn, programInput, staffOf } from '../../testing/catalog-fixtures';
import type { Actor } from '../../common/actor';
import { OrganizationType } from './catalog.enums';
import { OrganizationManagementService } from './organization-management.service';
import { ProgramManagementService } from './program-management.service';

describe('organization management', () => {
  let app: Awaited<ReturnType<typeof createTestApp>>;
  let organizations: OrganizationManagementService;
  let staff: Actor;
  let operator: Actor;
  let otherOperator: Actor;
  let admin: Actor;
  let parent: Actor;

  beforeAll(async () => {
    app = await createTestApp();
    organizations = app.container.get(OrganizationManagementService);
    [staff, operator, otherOperator, admin, parent] = await Promise.all(
      ['staff@demo.ru', 'operator@demo.ru', 'operator.blag@demo.ru', 'admin@demo.ru', 'parent@demo.ru'].map((e) => actorByEmail(app.dataSource, e)),
    );
  });
  afterAll(() => app.close());

  /** A fresh unconnected organization in Zeya, so each test starts from the same state. */
  const unconnectedInZeya = async (license = true) => {
    const [org] = await app.dataSource.query(
      `INSERT INTO organizations (municipality_id, name, short_name, type, address, license_number, license_date)
       VALUES ($1, 'ООО «Шахматный клуб «Ладья»»', 'ООО «Ладья»', 'PRIVATE', 'г. Зея, ул. Мухина, 5', $2, $3) RETURNING id`,
      [operator.municipalityId, license ? 'Л035-01211-28/00999999' : null, license ? '2022-03-15' : null],
    );
    return org.id as string;
  };

  it('lets staff edit their own organization\'s profile, recording only what changed', async () => {
    const updated = await organizations.updateOrganization(staff, {
      description: 'Дом детского творчества: 40 объединений для детей от 5 до 18 лет.',
      website: 'https://rovesnik-zeya.ru',
      type: OrganizationType.MUNICIPAL,
    });
    expect(updated).toMatchObject({ id: staff.organizationId, website: 'https://rovesnik-zeya.ru' });
    const [event] = await app.dataSource.query(
      `SELECT actor_user_id, before, after FROM audit_events WHERE entity_type = 'Organization' AND entity_id = $1 AND action = 'organization.updated'`,
      [staff.organizationId],
    );
    expect(event.actor_user_id).toBe(staff.userId);
    expect(Object.keys(event.after).sort()).toEqual(['description', 'website']);
    expect(event.before.website).toBeNull();
  });

  it('refuses to empty a required field, and to clear the license of a connected organization', async () => {
    await expect(organizations.updateOrganization(staff, { name: null as never })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'name' } });
    await expect(organizations.updateOrganization(staff, { licenseNumber: null })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('лицензии нельзя удалить'),
    });
    await expect(organizations.updateOrganization(staff, { licenseDate: '2999-01-01' })).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('refuses profile edits by operators, parents and anonymous callers', async () => {
    for (const [actor, code] of [[operator, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(organizations.updateOrganization(actor, { description: 'Чужое описание организации' })).rejects.toMatchObject({ code });
    }
  });

  it('connects an organization with a license to personalized financing, after which it may run CERTIFICATE programs', async () => {
    const organizationId = await unconnectedInZeya();
    const orgStaff = await staffOf(app.dataSource, organizationId);
    const programs = app.container.get(ProgramManagementService);
    await expect(programs.createProgram(orgStaff, programInput())).rejects.toMatchObject({ code: 'PF_NOT_CONNECTED' });

    const connected = await organizations.connectToFinancing(operator, organizationId);
    expect(connected.pfConnected).toBe(true);
    expect(connected.pfConnectedAt).toBeInstanceOf(Date);
    expect((await programs.createProgram(orgStaff, programInput())).fundingType).toBe('CERTIFICATE');
    await expect(organizations.connectToFinancing(operator, organizationId)).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const [event] = await app.dataSource.query(`SELECT actor_user_id, after FROM audit_events WHERE entity_id = $1 AND action = 'organization.pf_connected'`, [organizationId]);
    expect(event).toMatchObject({ actor_user_id: operator.userId, after: { pfConnected: true, licenseNumber: 'Л035-01211-28/00999999' } });
  });

  it('refuses to connect an organization without a license on record', async () => {
    const organizationId = await unconnectedInZeya(false);
    await expect(organizations.connectToFinancing(operator, organizationId)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('номер и дата лицензии'),
    });
    // The database refuses it too.
    await expect(app.dataSource.query(`UPDATE organizations SET pf_connected = true WHERE id = $1`, [organizationId])).rejects.toThrow(/organizations_pf_needs_license/);
  });

  it('lets only an operator of the organization\'s municipality or the region admin connect it', async () => {
    const organizationId = await unconnectedInZeya();
    await expect(organizations.connectToFinancing(otherOperator, organizationId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    for (const [actor, code] of [[staff, 'FORBIDDEN'], [parent, 'FORBIDDEN'], [undefined, 'UNAUTHENTICATED']] as const) {
      await expect(organizations.connectToFinancing(actor, organizationId)).rejects.toMatchObject({ code });
    }
    const [row] = await app.dataSource.query(`SELECT pf_connected FROM organizations WHERE id = $1`, [organizationId]);
    expect(row.pf_connected).toBe(false);
    const blagOrg = await organizationIn(app.dataSource, 'blagoveshchensk', false);
    expect((await organizations.connectToFinancing(admin, blagOrg.id)).pfConnected).toBe(true);
  });
});
