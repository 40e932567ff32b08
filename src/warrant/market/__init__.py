"""Section 1's market: trading and business calendars, daily quotes and the closing-price
rules, price histories, and the Fair Market Value."""
