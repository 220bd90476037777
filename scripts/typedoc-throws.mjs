// A TypeDoc plugin (typedoc.config.mjs): every public method of an exported class says what it
// throws. A method without a `@throws` block tag on any of its signatures is a validation warning
// naming the package, class, method and source line, so `treatWarningsAsErrors` fails the build.
// Exempt: private and protected methods, symbol-keyed protocol hooks (`[Symbol.hasInstance]`, Node's
// inspect hook) that users never call by name, and classes re-exported from a sibling package's
// dist (they are checked in their own package).
import { Application, ReflectionKind } from 'typedoc';

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.on(Application.EVENT_VALIDATE_PROJECT, (project) => {
    for (const cls of project.getReflectionsByKind(ReflectionKind.Class)) {
      for (const member of cls.children ?? []) {
        if (!member.kindOf(ReflectionKind.Method)) continue;
        if (member.flags.isPrivate || member.flags.isProtected || member.flags.isExternal) continue;
        if (member.name.startsWith('[')) continue;
        const signatures = member.signatures ?? [];
        if (signatures.some((signature) => signature.comment?.getTag('@throws'))) continue;
        const source = signatures[0]?.sources?.[0] ?? member.sources?.[0];
        if (source && /(^|\/)dist\//.test(source.fileName)) continue;
        const where = source ? ` (${source.fileName}:${source.line})` : '';
        app.logger.warn(
          `${cls.getFullName()}.${member.name} has no @throws tag: say which errors it throws, or "@throws nothing"${where}`,
        );
      }
    }
  });
}
