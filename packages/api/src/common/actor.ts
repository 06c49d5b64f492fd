import { ForbiddenError, UnauthenticatedError } from './errors';
import { Role } from './role';

/** Who is acting: the signed-in user as services see it. */
export interface Actor {
  userId: string;
  role: Role;
  municipalityId: string | null;
  organizationId: string | null;
}

/** The role guard services use: refuses anonymous callers and roles outside `roles`. */
export function requireRole(actor: Actor | undefined, ...roles: Role[]): Actor {
  if (!actor) throw new UnauthenticatedError();
  if (roles.length > 0 && !roles.includes(actor.role)) throw new ForbiddenError();
  return actor;
}

/** Staff act only for their own organization. */
export function requireStaffOf(actor: Actor | undefined, organizationId: string): Actor {
  const staff = requireRole(actor, Role.PROVIDER_STAFF);
  if (staff.organizationId !== organizationId) throw new ForbiddenError('Это данные другой организации');
  return staff;
}

/** Operators act only for their municipality; the regional admin for every municipality. */
export function requireOperatorOf(actor: Actor | undefined, municipalityId: string): Actor {
  const operator = requireRole(actor, Role.OPERATOR, Role.REGION_ADMIN);
  if (operator.role === Role.OPERATOR && operator.municipalityId !== municipalityId) {
    throw new ForbiddenError('Это данные другого муниципалитета');
  }
  return operator;
}

/** What a role may see of applications and contracts, as a condition the query itself carries. */
export function visibleScope(actor: Actor): { parentUserId?: string; organizationId?: string; municipalityId?: string } {
  switch (actor.role) {
    case Role.PARENT:
      return { parentUserId: actor.userId };
    case Role.PROVIDER_STAFF:
      return { organizationId: actor.organizationId! };
    case Role.OPERATOR:
      return { municipalityId: actor.municipalityId! };
    case Role.REGION_ADMIN:
      return {};
    default:
      throw new ForbiddenError();
  }
}
