// The newcomer's app on a phone (390x844), from the invitation link on:
// the journey with help texts, marking a step done, consent, the day-30
// check-in, buddy preferences, an RSVP (and the waitlist of a full event);
// then offline: the journey still reads, a step is marked, and back online
// the change is applied once; the inbox takes a new notification live.
// Every page is checked for horizontal overflow.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {test} from 'node:test';
import {amsterdamDateFromNow, assertNoHorizontalOverflow, callAs, phoneSession, screenshot} from './harness.mjs';

const ctx = phoneSession(['--buddy_daily_matching=false']);
const EMAIL = 'amara.phone@example.org';
const PASSWORD = 'a good long password';
const me = {email: EMAIL, password: PASSWORD};

async function journey() {
  return (await callAs(ctx.server, me, 'JourneyService/GetJourney', {})).journey;
}

// Newcomer-owned steps that can be done now (prerequisites finished).
function readySteps(j) {
  const status = new Map(j.steps.map((s) => [s.key, s.status]));
  const finished = (k) => ['STEP_STATUS_DONE', 'STEP_STATUS_NOT_APPLICABLE'].includes(status.get(k));
  return j.steps.filter((s) => s.owner === 'STEP_OWNER_NEWCOMER' && !finished(s.key) &&
                               (s.dependsOn || []).every((d) => !status.has(d) || finished(d)));
}

async function event(title, capacity) {
  const start = new Date(Date.now() + 3 * 86400000);
  const resp = await callAs(ctx.server, ctx.server.account('advisor'), 'EventService/CreateEvent', {
    event: {title: {en: title, nl: title}, startTime: start.toISOString(),
            endTime: new Date(start.getTime() + 7200000).toISOString(),
            venue: 'Het Rozendaal, Enschede', municipality: 'enschede', capacity,
            audience: 'EVENT_AUDIENCE_EVERYONE'},
  });
  return resp.event.id;
}

test('the invitation link leads to the journey with its help texts', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const inv = await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation', {
    role: 'ROLE_NEWCOMER', email: EMAIL, displayName: 'Amara Okafor',
    newcomerProfile: {permitType: 'PERMIT_TYPE_KNOWLEDGE_MIGRANT', stayMonths: 24,
                      occupation: 'OCCUPATION_PROFESSIONAL', municipality: 'enschede',
                      arrivalDate: amsterdamDateFromNow(-31), startDate: amsterdamDateFromNow(-27)},
  });
  await page.goto(`${server.url}/join/${inv.invitation.code}`);
  await page.getByLabel('New password').fill(PASSWORD);
  await page.getByLabel('The same password again').fill(PASSWORD);
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.getByRole('heading', {name: 'Day 31 of your first 90 days'}).waitFor();
  await page.getByRole('heading', {name: 'Your next steps'}).waitFor();
  const help = page.locator('article.step .help').first();
  await help.waitFor();
  assert.ok((await help.textContent()).length > 20, 'a next step shows its help text');
  await assertNoHorizontalOverflow(page, 'today');
  await screenshot(page, 'phone-newcomer-today');

  await page.getByRole('link', {name: 'Journey', exact: true}).click();
  await page.getByRole('heading', {name: 'Your journey'}).waitFor();
  await page.locator('.legal-rule').first().waitFor();
  assert.match(await page.locator('.legal-rule').first().textContent(), /The rule: .+Source/);
  await assertNoHorizontalOverflow(page, 'journey');
  await screenshot(page, 'phone-newcomer-journey');
  assert.deepEqual(browser.problems, []);
});

test('a step is marked done from its page', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const step = readySteps(await journey())[0];
  assert.ok(step, 'a step is ready');
  await page.goto(`${server.url}/app/#/step/${step.key}`);
  await page.getByRole('link', {name: '← Journey'}).waitFor();
  await page.getByRole('heading', {name: step.title, level: 1}).waitFor();
  if (step.help) await page.getByText(step.help.slice(0, 30)).waitFor();
  await page.getByText('Who acts: You', {exact: true}).waitFor();
  await assertNoHorizontalOverflow(page, 'step');
  await screenshot(page, 'phone-newcomer-step');
  await page.getByRole('button', {name: 'Mark done'}).click();
  await page.getByText('Status: Done').waitFor();
  await page.getByRole('button', {name: 'Reopen'}).waitFor();
  const after = (await journey()).steps.find((s) => s.key === step.key);
  assert.equal(after.status, 'STEP_STATUS_DONE');
  // A legal step is not the newcomer's to skip: the page does not offer it.
  const legal = (await journey()).steps.find((s) => s.legal && s.owner === 'STEP_OWNER_NEWCOMER' &&
                                                     s.status !== 'STEP_STATUS_DONE');
  await page.goto(`${server.url}/app/#/step/${legal.key}`);
  await page.getByText(/legal obligation: only your employer or the Expat Center/).waitFor();
  assert.equal(await page.getByRole('button', {name: 'Does not apply to me'}).count(), 0);
  assert.deepEqual(browser.problems, []);
});

test('consent, the day-30 check-in and buddy preferences reach the server', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/app/#/me`);
  await page.getByRole('heading', {name: 'The Expat Center'}).waitFor();
  await page.getByRole('button', {name: 'Let the Expat Center see my journey'}).click();
  await page.getByText('You let the Expat Center see your journey.').waitFor();
  assert.equal((await journey()).advisorConsent, true);
  await assertNoHorizontalOverflow(page, 'me');
  await screenshot(page, 'phone-newcomer-me');

  await page.getByRole('link', {name: 'Today', exact: true}).click();
  await page.getByRole('link', {name: 'Answer the check-in'}).click();
  await page.getByRole('heading', {name: 'How are you settling in?'}).waitFor();
  await assertNoHorizontalOverflow(page, 'check-in');
  await page.getByRole('button', {name: 'Send'}).click();
  await page.getByRole('alert').filter({hasText: 'Pick a score'}).waitFor();
  await page.getByLabel('7', {exact: true}).check();
  await page.getByLabel(/Anything you want to tell us/).fill('The bike lanes are great');
  await page.getByRole('button', {name: 'Send'}).click();
  await page.getByRole('heading', {name: 'Your next steps'}).waitFor();
  const checkIns = (await journey()).checkIns || [];
  assert.deepEqual(checkIns.map((c) => [c.day, c.score]), [[30, 7]]);

  await page.getByRole('link', {name: 'Buddy', exact: true}).click();
  await page.getByRole('heading', {name: 'Your buddy', exact: true}).waitFor();
  await page.getByText('No buddy yet').waitFor();
  await page.getByLabel('Languages you speak').fill('en, is');
  await page.getByLabel('Interests').fill('cycling, jazz');
  await page.getByRole('button', {name: 'Save preferences'}).click();
  await page.getByText('Preferences saved').waitFor();
  const prefs = await callAs(server, me, 'BuddyService/GetMyPreferences', {});
  assert.deepEqual([...prefs.languages].sort(), ['en', 'is']);
  assert.deepEqual([...prefs.interests].sort(), ['cycling', 'jazz']);
  await assertNoHorizontalOverflow(page, 'buddy');
  await screenshot(page, 'phone-newcomer-buddy');
  assert.deepEqual(browser.problems, []);
});

test('RSVP takes a seat, a full event puts the newcomer on the waitlist', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const open = await event('Bike tour along the Twentekanaal', 10);
  const full = await event('Cooking night (tiny kitchen)', 1);
  await callAs(server, server.account('newcomer'), 'EventService/CreateRsvp', {eventId: full});
  await page.goto(`${server.url}/app/#/events`);
  const card = page.locator(`article[data-event="${open}"]`);
  await card.getByRole('button', {name: 'I’ll come'}).click();
  await page.locator(`article[data-event="${open}"]`).getByText('You are going').waitFor();
  const fullCard = page.locator(`article[data-event="${full}"]`);
  await fullCard.getByRole('button', {name: 'Full — join the waitlist'}).click();
  await page.locator(`article[data-event="${full}"]`).getByText('You are on the waitlist').waitFor();
  await page.getByRole('heading', {name: 'Dutch classes'}).waitFor();
  await assertNoHorizontalOverflow(page, 'events');
  await screenshot(page, 'phone-newcomer-events');
  await page.getByRole('link', {name: /^Inbox( \d+ unread)?$/}).click();
  await page.getByRole('heading', {name: 'Inbox'}).waitFor();
  // Live: a notification stored while the page is open (by another process,
  // straight into the database file) appears without a reload, and the tab's
  // unread count follows.
  const {session} = await callAs(server, null, 'IdentityService/Login', me);
  const before = await page.locator('[data-notification]').count();
  const id = execFileSync('sqlite3', [server.dbPath], {
    input: '.timeout 5000\nINSERT INTO notifications (recipient_id, kind, ' +
        'title_en, title_nl, created_at) VALUES (' +
        `'${session.member.id}', 'test', 'Welcome drinks on Friday', ` +
        `'Welkomstborrel vrijdag', ${Math.floor(Date.now() / 1000)});\n` +
        'SELECT last_insert_rowid();\n'
  }).toString().trim();
  await page.locator(`[data-notification="${id}"]`)
      .getByText('Welcome drinks on Friday').waitFor({timeout: 10000});
  assert.equal(await page.locator('[data-notification]').count(), before + 1);
  await page.locator('.tabs [data-unread]').waitFor();
  await assertNoHorizontalOverflow(page, 'inbox');
  await screenshot(page, 'phone-newcomer-inbox');
  assert.deepEqual(browser.problems, []);
});

test('offline the journey still reads, a step is marked, and online it is applied once', async () => {
  const {server, browser} = ctx;
  const {page, context} = browser;
  const step = readySteps(await journey())[0];
  assert.ok(step, 'another step is ready');
  const before = step.etag;
  await page.goto(`${server.url}/app/#/journey`);
  await page.getByRole('heading', {name: 'Your journey'}).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('heading', {name: 'Your journey'}).waitFor();
  await page.getByText(/Offline — showing the copy from/).waitFor();
  await assertNoHorizontalOverflow(page, 'journey offline');
  await screenshot(page, 'phone-newcomer-offline');
  await page.goto(`${server.url}/app/#/step/${step.key}`);
  await page.getByRole('link', {name: '← Journey'}).waitFor();
  await page.getByRole('button', {name: 'Mark done'}).click();
  await page.getByText('Saved on this phone; sent when you are online.').waitFor();
  await page.getByText('Status: Done').waitFor();
  await page.getByText('Not sent yet').waitFor();
  assert.equal((await journey()).steps.find((s) => s.key === step.key).status, step.status);

  await context.setOffline(false);
  await page.getByText('Not sent yet').waitFor({state: 'detached'});
  const after = (await journey()).steps.find((s) => s.key === step.key);
  assert.equal(after.status, 'STEP_STATUS_DONE');
  assert.equal(Number(after.etag), Number(before) + 1, 'applied exactly once');
  const queued = await page.evaluate(() => JSON.parse(localStorage.getItem('welkom.app.outbox')));
  assert.deepEqual(queued, []);
  assert.deepEqual(browser.problems.filter((p) => !/Failed to fetch|ERR_INTERNET_DISCONNECTED/.test(p)), []);
});
