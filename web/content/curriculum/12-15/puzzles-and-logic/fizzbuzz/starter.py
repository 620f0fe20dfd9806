n = int(input())
# Count from 1 to n here.
# Say Fizz, Buzz or FizzBuzz instead of some numbers.
