import type { Page } from 'playwright-core';
import { checkScreen } from '../../../testing/axe';
import type { RunningSystem } from '../../../testing/e2e-system';

/** Picks an option of a Mantine select the way a person does: open it by its label, click the option. */
export async function chooseOption(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('textbox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: new RegExp(`^${option.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\(\\d+\\))?$`) }).click();
}

/** Fills the registration form as a parent does, consents, and waits for «Проверьте почту»; `screen` names the filled form's axe check. */
export async function registerInBrowser(page: Page, baseUrl: string, person: { fullName: string; email: string; password: string; municipality?: string }, screen?: string): Promise<void> {
  await page.goto(`${baseUrl}/register`);
  await page.getByLabel('Фамилия, имя, отчество').fill(person.fullName);
  await page.getByLabel('Электронная почта').fill(person.email);
  await chooseOption(page, 'Муниципалитет, где вы живёте', person.municipality ?? 'Зея');
  await page.getByLabel('Пароль').fill(person.password);
  await page.getByText('Согласие на обработку персональных данных', { exact: true }).first().waitFor();
  await page.getByRole('checkbox', { name: /даю согласие на обработку/ }).check();
  if (screen) await checkScreen(page, screen);
  await page.getByRole('button', { name: 'Зарегистрироваться' }).click();
  await page.getByText('Письмо отправлено').waitFor();
}

/** Opens the link of the newest letter to `email` whose subject contains `subject`, in the page, as a person clicks it in their mail. */
export async function followLetter(page: Page, system: RunningSystem, email: string, subject: string, after = 0): Promise<void> {
  const letter = await system.mailbox.waitFor(email, { subject, after, timeoutMs: 15_000 });
  await page.goto(letter.links[0]);
}

/** Signs in through the login page. */
export async function signInInBrowser(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel('Электронная почта').fill(email);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByRole('button', { name: /^Профиль:/ }).waitFor();
}

/** Text of an element with the no-break spaces of formatted money made plain, for comparisons. */
export async function plainText(page: Page, selector = 'main'): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').replace(/[\u00a0\u202f]/g, ' ');
}

/** Money as the SPA prints it, with plain spaces: 1347000 → «13 470,00 ₽». */
export function rub(kopecks: number): string {
  return `${new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(kopecks / 100)} ₽`.replace(/[\u00a0\u202f]/g, ' ');
}

let snilsSeq = 0;
/** A SNILS with a correct control sum, different in every call (and from the demo children's). */
export function validSnils(): string {
  const nine = String(700_000_000 + ((Date.now() % 1_000_000) * 100 + snilsSeq++) % 99_000_000).padStart(9, '0');
  const sum = [...nine].reduce((t, d, i) => t + Number(d) * (9 - i), 0) % 101;
  const control = String(sum === 100 ? 0 : sum).padStart(2, '0');
  return `${nine.slice(0, 3)}-${nine.slice(3, 6)}-${nine.slice(6, 9)} ${control}`;
}

/** A birth date that makes the child `age` full years old on `day` (and a month past the birthday). */
export function birthDateForAge(day: string, age: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() - age);
  d.setUTCMonth(d.getUTCMonth() - 1);
  return d.toISOString().slice(0, 10);
}

export interface TargetGroup {
  programId: string;
  title: string;
  organizationShortName: string;
  ageFrom: number;
  ageTo: number;
  monthlyShare: number;
  groupId: string;
  groupName: string;
  startsOn: string;
  endsOn: string;
}

/** Programs of the seeded staff member's organization (МАО ДО ДДТ «Ровесник», Zeya), so staff@demo.ru can confirm. */
export async function staffGroups(system: RunningSystem, staffToken: string, filter: { certificate: boolean }): Promise<TargetGroup[]> {
  const org = await ok(system.gql(`{ myOrganization { id shortName } }`, {}, staffToken));
  const { id, shortName } = org.myOrganization;
  const res = await ok(system.gql(
    `query($f: ProgramFilter) { programs(filter: $f, first: 50) { edges { node { id title ageFrom ageTo certificatePaymentAvailable certificateMonthlyShare
       groups { id name startsOn endsOn enrollmentOpen freeSeats } } } } }`,
    { f: { organizationId: id, ...(filter.certificate ? { fundingType: 'CERTIFICATE' } : {}) } },
  ));
  type Node = { id: string; title: string; ageFrom: number; ageTo: number; certificatePaymentAvailable: boolean; certificateMonthlyShare: number | null; groups: { id: string; name: string; startsOn: string; endsOn: string; enrollmentOpen: boolean; freeSeats: number }[] };
  return (res.programs.edges as { node: Node }[])
    .map((e) => e.node)
    .filter((p) => !filter.certificate || p.certificatePaymentAvailable)
    .flatMap((p) =>
      p.groups
        .filter((g) => g.enrollmentOpen && g.freeSeats > 1)
        .map((g) => ({
          programId: p.id,
          title: p.title,
          organizationShortName: shortName,
          ageFrom: p.ageFrom,
          ageTo: p.ageTo,
          monthlyShare: p.certificateMonthlyShare ?? 0,
          groupId: g.id,
          groupName: g.name,
          startsOn: g.startsOn,
          endsOn: g.endsOn,
        })),
    );
}

/** The age a test child has at the group's start: 10 when the program allows it. */
export function childAgeFor(target: TargetGroup): number {
  return Math.min(Math.max(10, target.ageFrom), target.ageTo);
}

async function ok<T = any>(p: Promise<{ data?: T; errors?: unknown }>): Promise<T> {
  const res = await p;
  if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data;
}

/** The МОЦ's side of a certificate: documents checked by provider staff, financing granted by the operator. */
export async function verifyAndFinance(system: RunningSystem, certificateNumber: string, staffToken: string, operatorToken: string): Promise<string> {
  const found = await ok(system.gql(`query($n: String!) { certificateByNumber(number: $n) { id } }`, { n: certificateNumber }, staffToken));
  const id = found.certificateByNumber.id as string;
  await ok(system.gql(`mutation($id: ID!) { verifyCertificate(certificateId: $id) { status } }`, { id }, staffToken));
  await ok(system.gql(`mutation($id: ID!) { grantFinancing(certificateId: $id) { status } }`, { id }, operatorToken));
  return id;
}

/** Password of the parents the tests register through the API. */
export const PARENT_PASSWORD = 'пароль-родителя';

export interface ApiParent {
  email: string;
  token: string;
  childId: string;
  certificateNumber: string;
}

/** Registers a parent through the API, confirms the e-mail from the letter that arrived over SMTP, and signs in. */
export async function registerConfirmedParent(system: RunningSystem, email: string, fullName: string, municipalityId: string): Promise<string> {
  const after = system.mailbox.messages.at(-1)?.id ?? 0;
  await ok(system.gql(`mutation($i: RegisterParentInput!) { registerParent(input: $i) }`, { i: { email, password: PARENT_PASSWORD, fullName, municipalityId, consentVersion: 1 } }));
  const letter = await system.mailbox.waitFor(email, { subject: 'Подтвердите адрес', after });
  await ok(system.gql(`mutation($t: String!) { confirmEmail(token: $t) }`, { t: new URL(letter.links[0]).searchParams.get('token') }));
  return system.login(email, PARENT_PASSWORD);
}

/** A parent of Zeya with one child whose certificate is verified and financed, made through the API. */
export async function financedParent(system: RunningSystem, staffToken: string, operatorToken: string, birthDate: string, label: string): Promise<ApiParent> {
  const muni = await ok(system.gql(`{ municipalities { id code } }`));
  const zeya = muni.municipalities.find((m: { code: string }) => m.code === 'zeya').id;
  const email = `${label}.${Date.now()}@example.ru`;
  const token = await registerConfirmedParent(system, email, `Родитель ${label}`, zeya);
  const child = await ok(
    system.gql(
      `mutation($i: AddChildInput!) { addChild(input: $i) { id } }`,
      { i: { lastName: 'Тестов', firstName: label, gender: 'MALE', birthDate, snils: validSnils(), municipalityId: zeya } },
      token,
    ),
  );
  const cert = await ok(system.gql(`mutation($c: ID!) { requestCertificate(childId: $c) { number } }`, { c: child.addChild.id }, token));
  await verifyAndFinance(system, cert.requestCertificate.number, staffToken, operatorToken);
  return { email, token, childId: child.addChild.id, certificateNumber: cert.requestCertificate.number };
}

/** Staff confirm the (only) live application of a child to a group; returns the raw GraphQL answer so errors can be checked. */
/** What an offer blocks on the certificate: only today's financing period's months. */
export function blockedBy(contract: { fundingPlan: { state: string; certificateAmount: number }[] }): number {
  return contract.fundingPlan.filter((p) => p.state === 'BLOCKED').reduce((s, p) => s + p.certificateAmount, 0);
}

export async function confirmApplicationOf(system: RunningSystem, staffToken: string, groupId: string, childId: string) {
  const list = await ok(
    system.gql(`query($g: ID!) { applications(filter: { groupId: $g }, first: 100) { edges { node { id status childId } } } }`, { g: groupId }, staffToken),
  );
  const app = list.applications.edges.map((e: { node: { id: string; childId: string; status: string } }) => e.node).find((a: { childId: string; status: string }) => a.childId === childId && a.status === 'SUBMITTED');
  if (!app) throw new Error(`no submitted application of child ${childId} in group ${groupId}`);
  return system.gql(`mutation($id: ID!) { confirmApplication(input: { applicationId: $id }) { id status contract { id fundingPlan { state certificateAmount } } } }`, { id: app.id }, staffToken);
}
