import type { Page } from 'playwright-core'

/**
 * Chooses a day in one of the app's date fields (antd-mobile's wheel picker): opens the picker from
 * the field named `label` and confirms the day it offers (the field's day, else today or the earliest
 * allowed). Returns the chosen `YYYY-MM-DD`, which the field keeps in `data-value`.
 */
export async function pickDate(page: Page, label: string): Promise<string> {
  const field = page.getByLabel(label)
  await field.click()
  // The popup's own box is empty (its mask and sheet are fixed): its sheet is what shows.
  const popup = page.locator('.adm-picker-popup .adm-popup-body').filter({ visible: true })
  await popup.waitFor({ state: 'visible', timeout: 10_000 })
  await popup.getByRole('button', { name: /^(确定|Confirm)$/ }).click()
  await popup.waitFor({ state: 'hidden', timeout: 10_000 })
  return (await field.getAttribute('data-value')) ?? ''
}
