UPDATE events SET payload = lower(left(payload, length(payload) - 32));
