import type { AppWindow } from './support/app-window';
import { SCREEN } from './support/global-setup';
import { pointInContainedVideo } from './support/letterbox';
import { expectAccessible } from './support/accessibility';
import { expect, test } from './support/fixtures';
import type { TargetPage } from './support/target-page';
import { liveSession } from './support/live-session';
import { grantControl as grantControlAfterSafetyCode } from './support/control-steps';


async function grantControl(consultant: AppWindow, user: AppWindow): Promise<void> {
  await grantControlAfterSafetyCode(consultant, user);
  await expect(user.page.getByTestId('control-banner')).toContainText('Camille Martin is controlling your mouse and keyboard');
}

async function clickOnRemote(consultant: AppWindow, target: TargetPage, selector: string): Promise<void> {
  const point = await consultant.videoPointFor(await target.screenCentre(selector), SCREEN);
  await consultant.page.mouse.click(point.x, point.y);
}

/**
 * At 100 % or zoomed the picture is larger than the view: scroll the view so the element is in
 * its middle, then click where the video shows it (the video element is the whole picture).
 */
async function clickOnRemoteScrolled(consultant: AppWindow, target: TargetPage, selector: string): Promise<{ scrollLeft: number; scrollTop: number }> {
  const screen = await target.screenCentre(selector);
  const scroller = consultant.page.getByTestId('view-scroller');
  const view = await scroller.boundingBox();
  const picture = await consultant.remoteVideo.boundingBox();
  if (!view || !picture) throw new Error('no view');
  const before = pointInContainedVideo(picture, screen, SCREEN);
  const scroll = await scroller.evaluate((element, by) => {
    element.scrollBy({ left: by.x, top: by.y, behavior: 'instant' });
    return { scrollLeft: element.scrollLeft, scrollTop: element.scrollTop };
  }, { x: before.x - (view.x + view.width / 2), y: before.y - (view.y + view.height / 2) });
  const scrolled = await consultant.remoteVideo.boundingBox();
  if (!scrolled) throw new Error('no video');
  const point = pointInContainedVideo(scrolled, screen, SCREEN);
  await consultant.page.mouse.click(point.x, point.y);
  return scroll;
}

test('control: nothing lands before consent; after consent clicks, keys and wheel land; revoking stops them', async ({ openApp, target }) => {
  const { consultant, user } = await liveSession(openApp);
  const button = await target.screenCentre('#target');
  const buttonInPage = await target.clientCentre('#target');

  // A hostile consultant sends a click before any consent: dropped, counted, reported.
  for (const down of [true, false]) {
    await consultant.sendRawOnDataChannel({ t: 'input', seq: down ? 1 : 2, event: { type: 'button', button: 'left', down, x: button.x / SCREEN.width, y: button.y / SCREEN.height } });
  }
  await expect.poll(() => user.host.control.stats().dropped['not-granted']).toBe(2);
  await expect(consultant.page.getByTestId('control-dropped')).toContainText('2');
  expect(await target.clicks()).toEqual([]);
  // Malformed and hostile events are refused too, and nothing crashes.
  await consultant.sendRawOnDataChannel({ t: 'input', seq: 3, event: { type: 'move', x: Number.MAX_VALUE, y: -1 } });
  await consultant.sendRawOnDataChannel({ t: 'input', seq: 4, event: { type: 'key', code: 'NotAKey', down: true } });
  await expect.poll(() => consultant.page.getByTestId('control-dropped').textContent()).toContain('4');

  await grantControl(consultant, user);
  expect(user.host.consent.asked.map((request) => request.consultantName)).toEqual(['Camille Martin']);
  await expectAccessible(user.page, 'sharing banner while the consultant has control');
  await expectAccessible(consultant.page, 'remote view in control');

  // A click on the video over the button clicks that button, within a few pixels.
  await clickOnRemote(consultant, target, '#target');
  await expect.poll(() => target.clicks()).toHaveLength(1);
  const [click] = await target.clicks();
  expect(Math.abs((click?.x ?? 0) - buttonInPage.x)).toBeLessThanOrEqual(4);
  expect(Math.abs((click?.y ?? 0) - buttonInPage.y)).toBeLessThanOrEqual(4);

  // At 100 % (keyboard shortcut, announced) and zoomed in (toolbar), a click lands on the same pixel:
  // the view maps through the scroll offsets and the zoom. The shortcut itself reaches nobody.
  const announcement = consultant.page.getByTestId('view-announcement');
  await consultant.page.keyboard.press('Alt+Shift+Digit1');
  await expect(announcement).toHaveText(/^100 %: one pixel/);
  expect((await consultant.remoteVideo.boundingBox())?.width).toBe(SCREEN.width);
  for (const zoom of ['100 %', '150 %']) {
    if (zoom === '150 %') {
      await consultant.page.getByTestId('view-zoom-in').click();
      await consultant.page.getByTestId('view-zoom-in').click();
      await expect(announcement).toHaveText(/^Zoom 150 %/);
      await expect(consultant.page.getByTestId('view-zoom-level')).toHaveText('150 %');
    }
    const clicksBefore = (await target.clicks()).length;
    const scroll = await clickOnRemoteScrolled(consultant, target, '#target');
    // The view really is panned: the button is not in the picture's first screenful.
    expect(scroll.scrollTop, zoom).toBeGreaterThan(0);
    await expect.poll(() => target.clicks()).toHaveLength(clicksBefore + 1);
    const landed = (await target.clicks())[clicksBefore];
    expect(Math.abs((landed?.x ?? 0) - buttonInPage.x), zoom).toBeLessThanOrEqual(2);
    expect(Math.abs((landed?.y ?? 0) - buttonInPage.y), zoom).toBeLessThanOrEqual(2);
  }
  await consultant.page.getByTestId('view-fit').click();
  await expect(announcement).toHaveText(/^Fit to window/);
  expect(await target.fieldValue()).toBe('');

  // Typing through the consultant's keyboard: Unicode, capitals, shifted punctuation.
  await clickOnRemote(consultant, target, '#field');
  await consultant.page.keyboard.type('Déjà vu: 3 € ß Ä! @#$%');
  await expect.poll(() => target.fieldValue()).toBe('Déjà vu: 3 € ß Ä! @#$%');
  await consultant.page.keyboard.press('Control+A');
  await consultant.page.keyboard.press('Backspace');
  await expect.poll(() => target.fieldValue()).toBe('');

  // The wheel scrolls the user's page.
  const scroller = await consultant.videoPointFor(await target.screenCentre('#scroller'), SCREEN);
  await consultant.page.mouse.move(scroller.x, scroller.y);
  await consultant.page.mouse.wheel(0, 600);
  await expect.poll(() => target.scrollTop()).toBeGreaterThan(0);

  // The user takes control back: both sides see it, and nothing lands afterwards.
  const clicksWhileInControl = (await target.clicks()).length;
  await user.button(/take back control/i).click();
  await expect(consultant.page.getByTestId('control-reason')).toHaveAttribute('data-reason', 'revoked');
  await expect(consultant.page.getByTestId('control-state')).toHaveText(/view only/i);
  await expect(consultant.page.getByTestId('input-surface')).toHaveCount(0);
  const droppedBefore = user.host.control.stats().dropped['not-granted'];
  await consultant.sendRawOnDataChannel({ t: 'input', seq: 10_000, event: { type: 'button', button: 'left', down: true, x: button.x / SCREEN.width, y: button.y / SCREEN.height } });
  await consultant.sendRawOnDataChannel({ t: 'input', seq: 10_001, event: { type: 'button', button: 'left', down: false, x: button.x / SCREEN.width, y: button.y / SCREEN.height } });
  await expect.poll(() => user.host.control.stats().dropped['not-granted']).toBe(droppedBefore + 2);
  expect(await target.clicks()).toHaveLength(clicksWhileInControl);
});

test('control: a frozen consultant loses control through the dead-man switch', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);
  await grantControl(consultant, user);

  consultant.browser.signal('SIGSTOP');
  const stoppedAt = Date.now();
  await expect(user.page.getByTestId('control-reason')).toHaveAttribute('data-reason', 'heartbeat-lost', { timeout: 5000 });
  // The dead-man timeout is 2 s; the rest is the page showing it.
  expect(Date.now() - stoppedAt).toBeLessThan(3000);
  expect(user.host.control.status()).toEqual({ state: 'view-only', reason: 'heartbeat-lost' });
  consultant.browser.signal('SIGCONT');
});

test('control: killing the consultant’s browser revokes control within 2 seconds', async ({ openApp }) => {
  const { consultant, user } = await liveSession(openApp);
  await grantControl(consultant, user);

  consultant.browser.signal('SIGKILL');
  const killedAt = Date.now();
  await expect.poll(() => user.host.control.status().state, { timeout: 5000 }).toBe('view-only');
  expect(Date.now() - killedAt).toBeLessThan(2500);
  await expect(user.page.getByTestId('control-banner')).toHaveCount(0);
});
