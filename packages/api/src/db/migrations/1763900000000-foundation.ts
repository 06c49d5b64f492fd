import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    await q.query(`
      CREATE TABLE municipalities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        region_code text NOT NULL,
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        auto_financing boolean NOT NULL DEFAULT false
      )`);

    await q.query(`
      CREATE TABLE support_centers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL UNIQUE REFERENCES municipalities(id),
        name text NOT NULL,
        host_organization text NOT NULL,
        address text NOT NULL,
        phone text NOT NULL,
        email text,
        links text[] NOT NULL DEFAULT '{}',
        is_demo boolean NOT NULL DEFAULT false
      )`);

    await q.query(`
      CREATE TABLE certificate_periods (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        year int NOT NULL,
        nominal bigint NOT NULL CHECK (nominal >= 0),
        financing_limit int NOT NULL CHECK (financing_limit >= 0),
        financing_issued int NOT NULL DEFAULT 0,
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        CONSTRAINT certificate_periods_municipality_year UNIQUE (municipality_id, year),
        CONSTRAINT certificate_periods_dates CHECK (starts_on <= ends_on),
        CONSTRAINT certificate_periods_limit CHECK (financing_issued >= 0 AND financing_issued <= financing_limit)
      )`);

    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        name text NOT NULL,
        short_name text NOT NULL,
        type text NOT NULL CHECK (type IN ('STATE','MUNICIPAL','PRIVATE')),
        inn text,
        license_number text,
        license_date date,
        address text NOT NULL,
        phone text,
        email text,
        website text,
        description text,
        logo_url text,
        pf_connected boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organizations_municipality ON organizations(municipality_id)`);

    // The search document is a generated column: the database keeps it current on every write.
    await q.query(`
      CREATE TABLE programs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organization_id uuid NOT NULL REFERENCES organizations(id),
        municipality_id uuid NOT NULL REFERENCES municipalities(id),
        title text NOT NULL,
        description text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('TECHNICAL','NATURAL_SCIENCE','PHYSICAL_SPORTS','ARTS','TOURISM_LOCAL_HISTORY','SOCIAL_HUMANITARIAN')),
        age_from int NOT NULL,
        age_to int NOT NULL,
        duration_months int NOT NULL CHECK (duration_months > 0),
        academic_hours int NOT NULL CHECK (academic_hours > 0),
        format text NOT NULL CHECK (format IN ('IN_PERSON','ONLINE','MIXED')),
        funding_type text NOT NULL CHECK (funding_type IN ('CERTIFICATE','BUDGET','PAID')),
        monthly_price bigint NOT NULL CHECK (monthly_price >= 0),
        normative_monthly_cost bigint CHECK (normative_monthly_cost >= 0),
        certification_status text NOT NULL DEFAULT 'NOT_SUBMITTED' CHECK (certification_status IN ('NOT_SUBMITTED','SUBMITTED','CERTIFIED','REJECTED')),
        certification_reject_reason text,
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PUBLISHED','ARCHIVED')),
        address text NOT NULL,
        latitude double precision,
        longitude double precision,
        teacher text,
        tags text[] NOT NULL DEFAULT '{}',
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('russian', title), 'A') ||
          setweight(to_tsvector('russian', coalesce(teacher, '')), 'C') ||
          setweight(to_tsvector('russian', description), 'B')
        ) STORED,
        CONSTRAINT programs_ages CHECK (age_from >= 5 AND age_to <= 18 AND age_from <= age_to),
        CONSTRAINT programs_certified_has_normative CHECK (certification_status <> 'CERTIFIED' OR normative_monthly_cost IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX programs_search ON programs USING gin (search_vector)`);
    await q.query(`CREATE INDEX programs_title_trgm ON programs USING gin (lower(title) gin_trgm_ops)`);
    await q.query(`CREATE INDEX programs_public_filters ON programs (status, municipality_id, direction, funding_type)`);
    await q.query(`CREATE INDEX programs_organization ON programs (organization_id)`);

    await q.query(`
      CREATE TABLE groups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        program_id uuid NOT NULL REFERENCES programs(id),
        name text NOT NULL,
        schedule jsonb NOT NULL DEFAULT '[]',
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        capacity int NOT NULL CHECK (capacity > 0),
        seats_taken int NOT NULL DEFAULT 0,
        address text NOT NULL,
        teacher text,
        enrollment_open boolean NOT NULL DEFAULT true,
        CONSTRAINT groups_dates CHECK (starts_on <= ends_on),
        CONSTRAINT groups_seats CHECK (seats_taken >= 0 AND seats_taken <= capacity)
      )`);
    await q.query(`CREATE INDEX groups_program ON groups (program_id)`);
    await q.query(`CREATE INDEX groups_free_seats ON groups (program_id) WHERE enrollment_open AND seats_taken < capacity`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('PARENT','PROVIDER_STAFF','OPERATOR','REGION_ADMIN')),
        full_name text NOT NULL,
        phone text,
        municipality_id uuid REFERENCES municipalities(id),
        organization_id uuid REFERENCES organizations(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_staff_has_organization CHECK (role <> 'PROVIDER_STAFF' OR organization_id IS NOT NULL),
        CONSTRAINT users_operator_has_municipality CHECK (role <> 'OPERATOR' OR municipality_id IS NOT NULL)
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email ON users (lower(email))`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        user_agent text,
        ip text
      )`);
    await q.query(`CREATE INDEX sessions_user ON sessions (user_id)`);

    await q.query(`
      CREATE TABLE login_attempts (
        id bigserial PRIMARY KEY,
        email text NOT NULL,
        ip text,
        succeeded boolean NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX login_attempts_email_at ON login_attempts (lower(email), at)`);
    await q.query(`CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at)`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        actor_user_id uuid REFERENCES users(id),
        entity_type text NOT NULL,
        entity_id text NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'login_attempts', 'sessions', 'users', 'groups', 'programs', 'organizations', 'certificate_periods', 'support_centers', 'municipalities']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
