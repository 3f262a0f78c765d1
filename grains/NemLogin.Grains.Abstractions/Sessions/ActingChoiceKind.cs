namespace NemLogin.Grains.Sessions;

/// <summary>What a login page option stands for. Numbers are stored; never renumber.</summary>
[GenerateSerializer]
[Alias("nl.session.acting-choice-kind")]
public enum ActingChoiceKind
{
    /// <summary>A business identity (Professional profile); the id is its UUID.</summary>
    BusinessIdentity = 0,

    /// <summary>The person themself; the id is <see cref="Guid.Empty"/>.</summary>
    Self = 1,

    /// <summary>A mandate (fuldmagt) the person holds; the id is the mandate's.</summary>
    Mandate = 2,
}
