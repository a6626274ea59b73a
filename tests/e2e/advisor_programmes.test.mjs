// An Expat Center advisor runs the buddy programme and the Dutch classes in
// the console: a matching round with its score breakdown, confirming a
// proposal for the buddy, the pool's load; publishing a course, seeing the
// enrolments and waiting list (newcomers enrol from the app, here through
// the same JSON API) and recording attendance.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, screenshot, signIn} from './harness.mjs';

// Matching runs only when the advisor asks for it here.
const ctx = consoleSession(['--buddy_daily_matching=false']);

// The confirm buttons' accessible names: "Confirm Lotte as buddy of Mila …".
const CONFIRM = /^Confirm .+ as buddy of .+ \(the buddy agreed\)$/;

// A new newcomer of the demo employer, invited by HR and signed up as in
// the app; returns an account whose `token` callAs uses.
async function newNewcomer(server, email) {
  const invite = await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation', {
    role: 'ROLE_NEWCOMER', email, displayName: 'Class Newcomer',
    newcomerProfile: {permitType: 'PERMIT_TYPE_KNOWLEDGE_MIGRANT', stayMonths: 24,
                      occupation: 'OCCUPATION_PROFESSIONAL', municipality: 'almelo'},
    requestId: crypto.randomUUID()});
  const accepted = await callAs(server, null, 'IdentityService/AcceptInvitation',
      {code: invite.invitation.code, password: 'a good long password'});
  return {token: accepted.session.token};
}

// "YYYY-MM-DDTHH:MM" in the browser's (and this process's) local time.
// The console reads times as Europe/Amsterdam wall-clock time.
function localInput(date) {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Amsterdam', hourCycle: 'h23', year: 'numeric', month: '2-digit',
    day: '2-digit', hour: '2-digit', minute: '2-digit'})
      .formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

test('the advisor runs a matching round and sees each proposal\'s score breakdown', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('advisor'));
  await page.getByRole('link', {name: 'Buddies'}).click();
  await page.getByRole('heading', {name: 'Buddy matching'}).waitFor();
  await page.getByRole('heading', {name: 'Volunteer buddies'}).waitFor();
  assert.equal(await page.getByText('No proposals are waiting for an answer.').count(), 1);
  // The run button is the page's first control: Enter runs it.
  await page.getByRole('button', {name: 'Run matching round'}).focus();
  await page.keyboard.press('Enter');
  await page.getByText(/^\d+ new proposals; \d+ newcomers left without one\.$/).first().waitFor();
  const rows = page.getByRole('row').filter({has: page.getByRole('button', {name: CONFIRM})});
  await rows.first().waitFor();
  assert.ok(await rows.count() >= 1);
  const first = await rows.first().textContent();
  for (const part of ['Languages', 'Interests', 'Distance', 'Profession', 'Household', 'Total']) {
    assert.match(first, new RegExp(`${part} \\d+`));
  }
  await screenshot(page, 'advisor-buddy-matching');
  assert.deepEqual(browser.problems, []);
});

test('the advisor confirms a proposal for the buddy and the pool shows the load', async () => {
  const {browser} = ctx;
  const {page} = browser;
  const rows = page.getByRole('row').filter({has: page.getByRole('button', {name: CONFIRM})});
  const before = await rows.count();
  const accepted = async () => Number(/Accepted matches: (\d+)/.exec(
      await page.getByText(/^Accepted matches: \d+$/).textContent())[1]);
  const acceptedBefore = await accepted();
  const confirm = rows.first().getByRole('button', {name: CONFIRM});
  const label = await confirm.getAttribute('aria-label');
  assert.match(label, /^Confirm .+ as buddy of .+ \(the buddy agreed\)$/);
  await confirm.click();
  await page.getByText(/ is now the buddy of /).waitFor();
  await page.waitForFunction((n) => document.querySelectorAll(
      'button[aria-label^="Confirm "]').length === n, before - 1);
  assert.equal(await accepted(), acceptedBefore + 1);
  // Each buddy's load is shown as open matches out of capacity.
  const pool = page.getByRole('table', {name: 'Volunteer buddies'});
  assert.match(await pool.textContent(), /\d+ of \d+/);
  assert.deepEqual(browser.problems, []);
});

test('the advisor publishes a Dutch course, sees enrolments and the waiting list, records attendance', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('link', {name: 'Dutch classes'}).click();
  await page.getByRole('heading', {name: 'Dutch classes'}).waitFor();
  await page.getByRole('row').filter({hasText: 'ROC van Twente — Dutch A0→A1'}).waitFor();
  await page.getByLabel('Language school').selectOption({label: 'ROC van Twente'});
  await page.getByLabel('Level', {exact: true}).selectOption('CEFR_STEP_A1_A2');
  await page.getByLabel('Title (English)').fill('Evening Dutch A1→A2');
  await page.getByLabel('Title (Dutch)').fill('Avondcursus Nederlands A1→A2');
  await page.getByLabel('Venue').fill('Bibliotheek Almelo, Stationsplein 1');
  await page.getByLabel('Municipality').selectOption('almelo');
  await page.getByLabel('Seats').fill('1');
  // The first lesson starts in half an hour, so attendance is open now.
  await page.getByLabel('First lesson').fill(localInput(new Date(Date.now() + 30 * 60000)));
  await page.getByLabel('Number of lessons').fill('4');
  await page.getByRole('button', {name: 'Publish course'}).click();
  const row = page.getByRole('row').filter({hasText: 'Evening Dutch A1→A2'});
  await row.waitFor();
  assert.match(await row.textContent(), /A1 → A2/);
  assert.match(await row.textContent(), /Almelo/);
  assert.match(await row.textContent(), /0 \/ 1/);
  await screenshot(page, 'advisor-classes');

  // Two newcomers enrol from the app: one place, one on the waiting list.
  const courses = await callAs(server, server.account('advisor'), 'LanguageService/ListCourses', {});
  const course = courses.courses.find((c) => c.title.en === 'Evening Dutch A1→A2');
  const newcomers = [server.account('newcomer'),
                     await newNewcomer(server, 'class-newcomer@example.org')];
  for (const n of newcomers) {
    await callAs(server, n, 'LanguageService/Enroll', {courseId: course.id,
                                                       requestId: crypto.randomUUID()});
  }
  await page.reload();
  await row.getByRole('button', {name: 'Enrolments and attendance of “Evening Dutch A1→A2”'}).click();
  const roster = page.getByRole('region', {name: 'Enrolments: Evening Dutch A1→A2'});
  await roster.waitFor();
  assert.match(await row.textContent(), /1 \/ 1/);
  assert.match(await row.textContent(), /1 waiting/);
  const waiting = roster.getByRole('listitem');
  assert.equal(await waiting.count(), 1);
  // Attendance: the enrolled newcomer came to the first lesson.
  const present = roster.getByRole('group', {name: 'Present'}).getByRole('checkbox');
  assert.equal(await present.count(), 1);
  await present.first().check();
  await roster.getByRole('button', {name: 'Save attendance'}).click();
  await page.getByText('Attendance saved for 1 people.').waitFor();
  await page.getByRole('region', {name: 'Enrolments: Evening Dutch A1→A2'})
      .getByRole('cell', {name: '1 of 4'}).waitFor();
  await screenshot(page, 'advisor-classes-roster');
  assert.deepEqual(browser.problems, []);
});
