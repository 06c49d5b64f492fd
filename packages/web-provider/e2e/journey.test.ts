import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { E2E_TODAY, useSystemAndBrowser } from '../../../testing/e2e-system';
import { checkScreen } from '../../../testing/axe';
import { tabTo } from '../../../testing/keyboard';
import { newDesktopContext, signIn } from './browser';

/** `dd.mm.yyyy` of the first day of a month `offset` months from the system's pinned day, as staff type dates. */
function typedMonthStart(offset: number): string {
  const [y, m] = E2E_TODAY.split('-').map(Number);
  const d = new Date(y, m - 1 + offset, 1);
  return `01.${String(d.getMonth() + 1).padStart(2, '0')}.${d.getFullYear()}`;
}

describe('a month of the system run by a provider and the МОЦ in the browser', () => {
  const env = useSystemAndBrowser();
  let staff: Page;
  let operator: Page;
  let parentToken: string;
  const title = `Робототехника: конструируем роботов (${Date.now().toString(36)})`;
  let programId = '';
  let groupId = '';
  let contractId = '';

  beforeAll(async () => {
        staff = await signIn(await newDesktopContext(env.browser), env.system.baseUrl, 'staff@demo.ru', '/programs/new');
    operator = await signIn(await newDesktopContext(env.browser), env.system.baseUrl, 'operator@demo.ru', '/certification');
    parentToken = await env.system.login('parent@demo.ru');
  });

  async function parentGql<T = any>(query: string, variables?: Record<string, unknown>): Promise<T> {
    const res = await env.system.gql<T>(query, variables, parentToken);
    if (!res.data || res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data;
  }

  it('staff create a certificate program with a group, publish it and submit it for certification', async () => {
    await staff.getByRole('heading', { name: 'Новая программа' }).waitFor();
    await staff.getByLabel(/^Название/).fill(title);
    await staff.getByLabel('Описание').fill('Собираем и программируем роботов на конструкторах, участвуем в городских соревнованиях.');
    await staff.getByLabel('Стоимость в месяц').fill('3000');
    await staff.getByLabel('Адрес занятий').fill('г. Зея, ул. Народная, 26');
    await staff.getByLabel('Педагог').fill('Петров Иван Сергеевич');
    await staff.getByRole('button', { name: 'Создать черновик' }).click();
    await staff.waitForURL(/\/provider\/programs\/[0-9a-f-]{36}$/);
    programId = staff.url().split('/').pop()!;
    await staff.getByRole('heading', { name: title }).waitFor();

    await staff.getByRole('button', { name: 'Добавить группу' }).click();
    const dialog = staff.getByRole('dialog');
    await dialog.getByLabel('Название группы').fill('Группа 1');
    await dialog.getByLabel('Мест в группе').fill('10');
    await dialog.getByLabel('Начало занятий').fill(typedMonthStart(-2));
    await dialog.getByLabel('Начало занятий').press('Tab');
    await dialog.getByLabel('Окончание занятий').fill(typedMonthStart(6));
    // Leaving the field closes its calendar, which would otherwise cover the dialog's buttons.
    await dialog.getByLabel('Окончание занятий').press('Tab');
    await dialog.getByRole('button', { name: 'Добавить группу' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const groupRow = staff.getByRole('row', { name: /Группа 1/ });
    await groupRow.waitFor();
    await expect(groupRow.textContent()).resolves.toContain('открыт');

    await staff.getByRole('button', { name: 'Опубликовать' }).click();
    await staff.getByText('Опубликована', { exact: true }).first().waitFor();
    await staff.getByRole('button', { name: 'Подать на сертификацию' }).click();
    await staff.getByText('На сертификации', { exact: true }).first().waitFor();
    await checkScreen(staff, 'provider-program-submitted');
  });

  it('the operator certifies the program with a normative cost', async () => {
    await operator.reload();
    const row = operator.getByRole('row', { name: new RegExp(title.replace(/[()]/g, '\\$&')) });
    await row.waitFor();
    await checkScreen(operator, 'operator-certification-queue');
    await row.getByRole('button', { name: 'Сертифицировать' }).click();
    const dialog = operator.getByRole('dialog');
    await dialog.getByLabel('Нормативная стоимость в месяц').fill('2500');
    await dialog.getByRole('button', { name: 'Сертифицировать' }).click();
    await row.waitFor({ state: 'detached' });

    const program = await parentGql(`query($id: ID!) { program(id: $id) { certificatePaymentAvailable certificateMonthlyShare groups { id } } }`, { id: programId });
    expect(program.program.certificatePaymentAvailable).toBe(true);
    expect(program.program.certificateMonthlyShare).toBe(250_000);
    groupId = program.program.groups[0].id;
  });

  it('staff confirm the parent\'s application and see the contract once the parent signs', async () => {
    const children = await parentGql(`{ myChildren { id firstName certificate { status } } }`);
    const child = children.myChildren.find((c: any) => c.certificate?.status === 'FINANCING');
    await parentGql(`mutation($input: SubmitApplicationInput!) { submitApplication(input: $input) { id status } }`, { input: { childId: child.id, groupId } });

    // By keyboard alone, as staff who cannot use a mouse. Navigation renders in a transition: the previous page stays
    // until the next one is ready, so wait for the next one's heading.
    await tabTo(staff, /^Заявки$/, { within: { selector: 'nav, [role=navigation]', text: '' } });
    await staff.keyboard.press('Enter');
    await staff.getByRole('heading', { name: 'Заявки', level: 2 }).waitFor();
    const row = staff.getByRole('row', { name: new RegExp(child.firstName) });
    await row.waitFor();
    await checkScreen(staff, 'provider-applications');
    await tabTo(staff, /^Подтвердить$/, { within: { selector: 'tr', text: child.firstName } });
    await staff.keyboard.press('Enter');
    await row.waitFor({ state: 'detached' });
    // Focus stays in the list the decided row left, not thrown back to the top of the page; the tabs are above it.
    await expect.poll(() => staff.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Список заявок');
    // The tab list is one stop for Tab; arrows move between its tabs.
    await tabTo(staff, /^Новые/, { key: 'Shift+Tab', limit: 20 });
    await tabTo(staff, /^Ждут подписи/, { key: 'ArrowRight', limit: 6 });
    await staff.getByRole('row', { name: new RegExp(child.firstName) }).waitFor();

    const applications = await parentGql(`{ myApplications { status groupId contract { id status } } }`);
    const application = applications.myApplications.find((a: any) => a.groupId === groupId);
    expect(application.status).toBe('CONFIRMED');
    contractId = application.contract.id;
    await parentGql(`mutation($input: SignContractInput!) { signContract(input: $input) { id status } }`, { input: { contractId } });

    await staff.getByRole('link', { name: 'Договоры' }).click();
    await staff.getByRole('heading', { name: 'Договоры', level: 2 }).waitFor();
    const contractRow = staff.getByRole('row', { name: new RegExp(child.firstName) });
    await contractRow.waitFor();
    await expect(contractRow.textContent()).resolves.toContain('Действует');
    // The group runs into next year: the contract is listed among those the 2027 nominal will pay.
    await staff.getByRole('tab', { name: 'Продолжаются в новом году' }).click();
    await expect.poll(() => staff.getByRole('row', { name: new RegExp(child.firstName) }).textContent()).toContain('2027: будет оплачено из номинала');
    await staff.getByRole('tab', { name: 'Действующие' }).click();
    await contractRow.getByRole('link').click();
    await staff.getByRole('heading', { name: /Договор №/ }).waitFor();
    await expect(staff.locator('[data-year="2027"]').textContent()).resolves.toContain('будет оплачено из номинала');
    await checkScreen(staff, 'provider-contract');
  });

  it('staff record the month\'s charge and form the invoice; the operator approves it', async () => {
    await staff.getByRole('link', { name: 'Списания и счета' }).click();
    await staff.getByRole('heading', { name: 'Списания и счета', level: 2 }).waitFor();
    const line = staff.getByRole('row', { name: /Иванов Артём/ });
    await line.waitFor();
    await line.getByLabel(/Занятий по плану/).fill('8');
    await line.getByLabel(/Посещено/).fill('8');
    const prefilled = await line.getByLabel(/Сумма списания/).inputValue();
    expect(prefilled).not.toBe('');
    await staff.getByRole('button', { name: /Записать списания/ }).click();
    const results = staff.getByTestId('charge-results');
    await results.waitFor();
    await expect(results.textContent()).resolves.toMatch(/списано \d/);
    await staff.getByRole('button', { name: 'Сформировать счёт' }).click();
    const invoiceRow = staff.getByRole('row', { name: /Зея/ });
    await invoiceRow.getByText('На проверке в МОЦ').waitFor();
    await checkScreen(staff, 'provider-charges-invoice');

    await operator.getByRole('link', { name: 'Реестр счетов' }).click();
    await operator.getByRole('heading', { name: 'Реестр счетов', level: 2 }).waitFor();
    const registryRow = operator.getByRole('row', { name: /Ровесник/ });
    await registryRow.waitFor();
    await registryRow.getByRole('button', { name: 'Принять' }).click();
    await registryRow.getByText('Принят', { exact: true }).waitFor();
    await checkScreen(operator, 'operator-invoice-registry');

    await staff.reload();
    await staff.getByRole('row', { name: /Зея/ }).getByText('Принят', { exact: true }).waitFor();
  });

  it('staff verify a certificate after checking documents; the operator grants financing', async () => {
    const operatorToken = await env.system.login('operator@demo.ru');
    const pending = await env.system.gql(`{ certificates(filter: { status: PENDING_VERIFICATION }) { edges { node { number } } } }`, {}, operatorToken);
    const number = pending.data.certificates.edges[0].node.number;

    await staff.getByRole('link', { name: 'Проверка сертификата' }).click();
    await staff.getByRole('heading', { name: 'Проверка сертификата', level: 2 }).waitFor();
    await staff.getByLabel('Номер сертификата').fill(number);
    await staff.getByRole('button', { name: 'Найти' }).click();
    const confirm = staff.getByRole('button', { name: 'Подтвердить проверку документов' });
    await confirm.waitFor();
    expect(await confirm.isDisabled()).toBe(true);
    for (const checkbox of await staff.getByRole('checkbox').all()) await checkbox.check();
    await confirm.click();
    await staff.getByText('Сертификат учёта', { exact: true }).waitFor();

    await operator.getByRole('link', { name: 'Сертификаты' }).click();
    await operator.getByRole('heading', { name: 'Сертификаты муниципалитета', level: 2 }).waitFor();
    const row = operator.getByRole('row', { name: new RegExp(number) });
    await row.getByRole('button', { name: 'Выдать финансирование' }).click();
    await row.getByText('Сертификат ПФ', { exact: true }).waitFor();
    await checkScreen(operator, 'operator-certificates');
  });
});
