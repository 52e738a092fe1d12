import type { INestApplication } from '@nestjs/common';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { POLICY_METADATA, type RoutePolicy } from '#flyt/access';

export interface DeclaredRoute {
  /** Lower case, as OpenAPI writes it. */
  method: string;
  /** In OpenAPI form: /api/units/{id}. */
  path: string;
  policy: RoutePolicy;
}

export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');
const joinPath = (...parts: string[]) => `/${parts.flatMap((p) => p.split('/')).filter(Boolean).join('/')}`;

/** Every controller route of the app with the policy it declares, read from Nest's own metadata. */
export function declaredRoutes(app: INestApplication): DeclaredRoute[] {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const routes: DeclaredRoute[] = [];
  for (const { instance, metatype } of discovery.getControllers()) {
    if (!instance || !metatype) continue;
    const controllerPath: string = Reflect.getMetadata(PATH_METADATA, metatype) ?? '';
    const prototype = Object.getPrototypeOf(instance);
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name];
      const methodPath: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      if (methodPath === undefined) continue;
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod].toLowerCase();
      const policy: RoutePolicy = Reflect.getMetadata(POLICY_METADATA, handler) ?? Reflect.getMetadata(POLICY_METADATA, metatype);
      routes.push({ method, path: toOpenApiPath(joinPath(controllerPath, methodPath)), policy });
    }
  }
  return routes;
}
