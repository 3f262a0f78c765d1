using System.Collections.Immutable;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>The keys read from the token, and what was wrong with the objects that could not be used.</summary>
internal sealed record Pkcs11KeyCatalogueResult(Pkcs11KeySnapshot Snapshot, ImmutableArray<string> Problems);
