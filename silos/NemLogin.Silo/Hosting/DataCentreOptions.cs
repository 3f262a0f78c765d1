namespace NemLogin.Silo.Hosting;

/// <summary>Which data centre this process runs in (section <c>DataCenter</c>), e.g. <c>DC1</c>.</summary>
public sealed class DataCentreOptions
{
    public const string SectionName = "DataCenter";

    public string Name { get; set; } = "";
}
