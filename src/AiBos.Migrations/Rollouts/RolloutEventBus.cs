using AiBos.Migrations.Execution;

namespace AiBos.Migrations.Rollouts;

/// <summary>
/// In-process fan-out of the rollout events of this process (live CLI output). Events of rollouts in other processes
/// arrive through <see cref="RolloutEventListener"/>.
/// </summary>
public sealed class RolloutEventBus : EventFanOut<RolloutEvent>;
