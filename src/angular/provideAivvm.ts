import {
  DestroyRef,
  InjectionToken,
  NgZone,
  inject,
  makeEnvironmentProviders,
  type EnvironmentProviders,
} from '@angular/core';
import { AivvmService, type AivvmAngularConfig } from './AivvmService';
import { resolveProvider } from './resolveProvider';
import { checkCoalesce } from './coalesce';

/**
 * The configuration given to {@link provideAivvm}, injectable (e.g. to show the server's URL).
 *
 * @example
 * ```ts
 * readonly baseURL = inject(AIVVM_CONFIG).baseURL;
 * ```
 */
export const AIVVM_CONFIG = new InjectionToken<AivvmAngularConfig>('AIVVM_CONFIG');

/**
 * Provides {@link AivvmService} (and {@link AIVVM_CONFIG}) to an application or any environment injector:
 * functional providers, no NgModule. The configuration is checked here, so a typo fails at bootstrap:
 * an `InvalidRequestError` naming the bad field, or a `TypeError` for `coalesce`.
 *
 * @example
 * ```ts
 * bootstrapApplication(AppComponent, {
 *   providers: [provideZonelessChangeDetection(), provideAivvm({ baseURL: 'http://127.0.0.1:8787' })],
 * });
 * ```
 */
export function provideAivvm(config: AivvmAngularConfig = {}): EnvironmentProviders {
  const { coalesce, ...providerConfig } = config;
  if (coalesce !== undefined) checkCoalesce(coalesce, 'config.coalesce');
  // Fail at bootstrap, not at first injection: the same check the service makes (createAivvm validates).
  resolveProvider(providerConfig);
  return makeEnvironmentProviders([
    { provide: AIVVM_CONFIG, useValue: config },
    {
      provide: AivvmService,
      useFactory: () =>
        new AivvmService(
          inject(AIVVM_CONFIG),
          inject(DestroyRef),
          inject(NgZone, { optional: true }) ?? undefined,
        ),
    },
  ]);
}
