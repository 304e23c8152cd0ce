/**
 * Angular's test environment for spec/angular (import after ./jsdomGlobals): the JIT compiler for TestBed's
 * dynamic module and components, and the browser testing platform. Each spec file has its own module registry,
 * so this runs once per file.
 */
import '@angular/compiler';
import { TestBed } from '@angular/core/testing';
import { BrowserTestingModule, platformBrowserTesting } from '@angular/platform-browser/testing';

TestBed.initTestEnvironment(BrowserTestingModule, platformBrowserTesting(), {
  teardown: { destroyAfterEach: true },
});
