namespace AiBos.Migrations.Customizations;

/// <summary>The C# adapters modules registered in DI, by name. Two adapters with one name are a configuration bug.</summary>
public sealed class CustomizationAdapters
{
    public CustomizationAdapters(IEnumerable<ICustomizationAdapter> adapters)
    {
        var byName = new Dictionary<string, ICustomizationAdapter>(StringComparer.Ordinal);
        foreach (var adapter in adapters)
        {
            if (string.IsNullOrWhiteSpace(adapter.Name))
                throw new MigrationException($"The customization adapter {adapter.GetType().Name} has no name.");
            if (!byName.TryAdd(adapter.Name, adapter))
                throw new MigrationException($"Two customization adapters are named '{adapter.Name}': {byName[adapter.Name].GetType().Name} and {adapter.GetType().Name}.");
        }
        ByName = byName;
        Names = byName.Keys.ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, ICustomizationAdapter> ByName { get; }
    public IReadOnlySet<string> Names { get; }
}
