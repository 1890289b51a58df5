# A dateTime soap4r decoded (a Ruby DateTime) as its text, shared by the programs here.
#
# soap4r's quirk, worked around here: it writes a DateTime with a fraction of a second wrong
# (`05.25` as `0521600.`: Ruby 1.9 made DateTime#sec_fraction a fraction of a second, soap4r
# still takes it for one of a day), so that the programs hand it dateTimes as their text.
require 'date'

module DateTimeText
  # DATE_TIME's text, its fraction of a second in as few digits as it needs, UTC as `Z`.
  def self.of(date_time)
    text = date_time.iso8601(9).sub(/\.(\d+)/) do
      digits = Regexp.last_match(1).sub(/0+\z/, '')
      digits.empty? ? '' : ".#{digits}"
    end
    text.sub(/\+00:00\z/, 'Z')
  end
end
