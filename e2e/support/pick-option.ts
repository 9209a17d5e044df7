import type { Locator } from '@playwright/test';

/**
 * Picks an option of an open antd select. The option's own click event is sent, not a pointer click: a pointer
 * click is a mouse-down and a mouse-up, and when the list is re-rendered between the two (the live preview re-running
 * after the last edit, on a busy machine) the browser sends the click to their common ancestor and antd picks
 * nothing — the option stays hovered and the select keeps its old value. A person sees that and clicks again; a
 * test must not depend on the timing.
 */
export async function pickOption(option: Locator): Promise<void> {
  await option.dispatchEvent('click');
}
