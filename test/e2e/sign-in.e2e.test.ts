import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  collectPageErrors,
  openWebWorld,
  PASSWORD,
  screenshot,
  seriousA11yViolations,
  signInWithForm,
  type WebWorld,
} from "./web-world.js";

let w: WebWorld;
beforeAll(async () => {
  w = await openWebWorld();
});
afterAll(async () => {
  await w?.close();
});

describe("sign-in", () => {
  it("signs in with a password, keeps the address, and signs out", async () => {
    const context = await w.browser.newContext({ baseURL: w.baseUrl });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto("/board");
    await signInWithForm(page, w.agent.email, "wrong password here");
    await expect.poll(() => page.getByRole("alert").textContent()).toMatch(/Sign-in failed/);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, "sign-in");
    await page.getByRole("textbox", { name: "Password" }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/board");
    await page.getByRole("button", { name: /Account menu/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it("asks for the authenticator code when the account has MFA", async () => {
    const { generate } = await import("otplib");
    const context = await w.signedIn(w.admin);
    const enrol = await context.request.post("/api/v1/auth/mfa/enrol", {
      headers: { "x-csrf-token": (await (await context.request.get("/api/v1/auth/me")).json()).csrfToken },
    });
    const { secret } = (await enrol.json()) as { secret: string };
    const me = await (await context.request.get("/api/v1/auth/me")).json();
    const verified = await context.request.post("/api/v1/auth/mfa/verify", {
      headers: { "x-csrf-token": me.csrfToken },
      data: { otp: await generate({ secret }) },
    });
    expect(verified.ok()).toBe(true);
    await context.close();

    const fresh = await w.browser.newContext({ baseURL: w.baseUrl });
    const page = await fresh.newPage();
    await page.goto("/tickets");
    await signInWithForm(page, w.admin.email);
    // The code of the current time step was spent on enrolment (a code works once): the server
    // accepts the next step's code too (30 s tolerance).
    const nextStep = Math.floor(Date.now() / 1000) + 30;
    await page.getByLabel("Authentication code").fill(await generate({ secret, epoch: nextStep }));
    await page.getByRole("button", { name: "Verify and sign in" }).click();
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    await fresh.close();
  });

  it("tells the agent when the session ended and brings them back", async () => {
    const context = await w.signedIn(w.agent);
    const page = await context.newPage();
    await page.goto("/calendar");
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    // The session ends elsewhere (sign-out everywhere from another device).
    const me = await (await context.request.get("/api/v1/auth/me")).json();
    await context.request.post("/api/v1/auth/logout-all", { headers: { "x-csrf-token": me.csrfToken } });
    await page.getByRole("link", { name: "Tickets" }).click();
    await page.getByText("Your session ended").waitFor();
    await signInWithForm(page, w.agent.email);
    await page.getByRole("navigation", { name: "Main" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/tickets");
    await context.close();
  });
});
