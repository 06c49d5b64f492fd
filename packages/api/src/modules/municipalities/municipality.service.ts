import { DataSource } from 'typeorm';
import { Service } from '../../common/container';
import { todayIso } from '../../common/dates';
import { CertificatePeriod } from './certificate-period.entity';
import { Municipality } from './municipality.entity';
import { SupportCenter } from './support-center.entity';

@Service()
export class MunicipalityService {
  constructor(private readonly dataSource: DataSource) {}

  list(): Promise<Municipality[]> {
    return this.dataSource.getRepository(Municipality).find({ order: { name: 'ASC' } });
  }

  supportCenters(municipalityId?: string): Promise<SupportCenter[]> {
    return this.dataSource
      .getRepository(SupportCenter)
      .createQueryBuilder('sc')
      .innerJoin(Municipality, 'm', 'm.id = sc.municipality_id')
      .where(municipalityId ? 'sc.municipality_id = :municipalityId' : 'true', { municipalityId })
      .orderBy('m.name', 'ASC')
      .getMany();
  }

  /** The period that contains `on` (today by default), if the municipality has set one. */
  currentPeriod(municipalityId: string, on: string = todayIso()): Promise<CertificatePeriod | null> {
    return this.dataSource
      .getRepository(CertificatePeriod)
      .createQueryBuilder('p')
      .where('p.municipality_id = :municipalityId AND p.starts_on <= :on AND p.ends_on >= :on', { municipalityId, on })
      .getOne();
  }

  periods(municipalityId: string): Promise<CertificatePeriod[]> {
    return this.dataSource.getRepository(CertificatePeriod).find({ where: { municipalityId }, order: { year: 'DESC' } });
  }
}
