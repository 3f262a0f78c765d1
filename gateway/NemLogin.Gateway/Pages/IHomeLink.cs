namespace NemLogin.Gateway.Pages;

/// <summary>A link on the front page contributed by an optional part (the demo SP, the simulator).</summary>
public interface IHomeLink
{
    string Href { get; }

    string Title { get; }

    string Description { get; }
}
