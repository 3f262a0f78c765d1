using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace NemLogin.Grains.Signing.Pkcs11;

/// <summary>
/// <c>keys init-token</c>: initialises a free SoftHSM2 slot for development (C_InitToken, then C_InitPIN as the security
/// officer). A production HSM's token is set up with its vendor's tools and key ceremony, not this.
/// </summary>
public static class Pkcs11TokenInitializer
{
    // C_InitToken takes the first free slot: two initialisations at once in one process would race for it.
    private static readonly Lock Gate = new();

    /// <returns>The slot id the token has in this process.</returns>
    public static ulong Initialize(string libraryPath, string tokenLabel, string soPin, string userPin)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenLabel);
        ArgumentException.ThrowIfNullOrEmpty(soPin);
        ArgumentException.ThrowIfNullOrEmpty(userPin);
        using var lease = Pkcs11Module.Acquire(libraryPath);
        using var scope = Gate.EnterScope();
        var slots = lease.Module.Library.GetSlotList(SlotsType.WithTokenPresent);
        if (slots.Any(s => s.GetTokenInfo() is { TokenFlags.TokenInitialized: true } t && t.Label.TrimEnd() == tokenLabel))
        {
            throw new InvalidOperationException($"A token labelled '{tokenLabel}' exists already.");
        }

        var free = slots.FirstOrDefault(s => !s.GetTokenInfo().TokenFlags.TokenInitialized)
            ?? throw new InvalidOperationException("The PKCS#11 module has no free slot with an uninitialised token.");
        free.InitToken(soPin, tokenLabel);
        var slot = lease.Module.FindSlot(tokenLabel);
        using var session = slot.OpenSession(SessionType.ReadWrite);
        session.Login(CKU.CKU_SO, soPin);
        session.InitPin(userPin);
        session.Logout();
        return slot.SlotId;
    }
}
