import type { DataSource } from 'typeorm';
import { EntityRows } from '../../common/entity-rows';
import { Group } from '../catalog/group.entity';
import { Organization } from '../catalog/organization.entity';
import { Program } from '../catalog/program.entity';
import type { Offering } from '../contracts/contract-offers';
import { Municipality } from '../municipalities/municipality.entity';

/**
 * A group with its program, organization and the program's municipality,
 * read by hand-written SQL (aliases g, p, o, mu) instead of a QueryBuilder
 * join, which costs the API more CPU to build and map than the read costs
 * the database: submissions and confirmations read an offering every time.
 */
export class OfferingRows {
  /** The joins from `groups g` to the program, organization and municipality. */
  static readonly JOINS = `JOIN programs p ON p.id = g.program_id JOIN organizations o ON o.id = p.organization_id JOIN municipalities mu ON mu.id = p.municipality_id`;

  private readonly group: EntityRows<Group>;
  private readonly program: EntityRows<Program>;
  private readonly organization: EntityRows<Organization>;
  private readonly municipality: EntityRows<Municipality>;

  constructor(dataSource: DataSource) {
    this.group = new EntityRows(dataSource, Group, 'g_');
    this.program = new EntityRows(dataSource, Program, 'p_');
    this.organization = new EntityRows(dataSource, Organization, 'o_');
    this.municipality = new EntityRows(dataSource, Municipality, 'mu_');
  }

  select(): string {
    return [this.group.select('g'), this.program.select('p'), this.organization.select('o'), this.municipality.select('mu')].join(', ');
  }

  hydrate(row: Record<string, unknown>): Offering {
    return Object.assign(this.group.hydrate(row), {
      program: this.program.hydrate(row),
      organization: this.organization.hydrate(row),
      municipality: this.municipality.hydrate(row),
    });
  }
}
