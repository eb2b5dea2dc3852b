-- The headless harness API for specs and tools running in the harness's
-- runner peer (nil anywhere else, e.g. on real Roblox). Typed in Harness.d.ts.
return _G.SkyrocketHarness
