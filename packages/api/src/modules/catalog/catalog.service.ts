import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import type { Actor } from '../../common/actor';
import { Role } from '../../common/role';
import { ProgramStatus } from './catalog.enums';
import { Organization } from './organization.entity';
import { Program } from './program.entity';

@Service()
export class CatalogService {
  constructor(private readonly dataSource: DataSource) {}

  /** Published programs are public; drafts and archived ones only to their organization's staff and to operators of its or the program's municipality. */
  async program(id: string, actor?: Actor): Promise<Program | null> {
    const program = await this.dataSource.getRepository(Program).findOne({ where: { id } });
    if (!program) return null;
    if (program.status === ProgramStatus.PUBLISHED) return program;
    if (actor?.role === Role.PROVIDER_STAFF && actor.organizationId === program.organizationId) return program;
    if (actor?.role === Role.REGION_ADMIN) return program;
    if (actor?.role === Role.OPERATOR) {
      if (actor.municipalityId === program.municipalityId) return program;
      // The МОЦ that certifies a program is the organization's, which may differ from where the program runs.
      const organization = await this.organization(program.organizationId);
      if (organization?.municipalityId === actor.municipalityId) return program;
    }
    return null;
  }

  organization(id: string): Promise<Organization | null> {
    return this.dataSource.getRepository(Organization).findOne({ where: { id } });
  }
}
