//! The arithmetic RSA signature verification needs, and no more: natural numbers as little-endian
//! limbs, and exponentiation modulo an odd modulus by Montgomery multiplication (Montgomery 1985;
//! the CIOS loop of Koç, Acar and Kaliski, "Analyzing and Comparing Montgomery Multiplication
//! Algorithms", 1996).
//!
//! Verification only handles public data (the key, the signature and the message), so nothing
//! here tries to run in constant time: comparisons stop early and branches depend on values.

use std::cmp::Ordering;

/// One digit of a natural number. 64 bits: four times fewer steps than 32-bit limbs natively;
/// on wasm32 the 128-bit product is a short library call, still fast enough for a handful of
/// signatures per chain.
pub(super) type Limb = u64;

/// Holds a product of two limbs plus two more limbs without overflow:
/// (2^64 − 1)² + 2 · (2^64 − 1) = 2^128 − 1.
type WideLimb = u128;

const LIMB_BYTES: usize = (Limb::BITS / 8) as usize;

/// Reads a big-endian number into `limb_count` little-endian limbs; `None` when it does not fit.
pub(super) fn limbs_from_be_bytes(bytes: &[u8], limb_count: usize) -> Option<Vec<Limb>> {
    let mut limbs = vec![0; limb_count];
    for (index, &byte) in bytes.iter().rev().enumerate() {
        match limbs.get_mut(index / LIMB_BYTES) {
            Some(limb) => *limb |= Limb::from(byte) << (8 * (index % LIMB_BYTES)),
            // Leading zero bytes beyond the limbs change nothing.
            None if byte == 0 => {}
            None => return None,
        }
    }
    Some(limbs)
}

/// Writes the number in `limbs` as `len` big-endian bytes, dropping any higher bytes: the caller
/// passes a number known to fit, such as one below a modulus of `len` bytes.
pub(super) fn be_bytes_from_limbs(limbs: &[Limb], len: usize) -> Vec<u8> {
    (0..len)
        .rev()
        .map(|index| {
            let limb = limbs.get(index / LIMB_BYTES).copied().unwrap_or(0);
            // Truncation intended: the byte at this position.
            (limb >> (8 * (index % LIMB_BYTES))) as u8
        })
        .collect()
}

/// Compares two numbers of the same number of limbs.
pub(super) fn compare(a: &[Limb], b: &[Limb]) -> Ordering {
    debug_assert_eq!(a.len(), b.len());
    // The most significant limb that differs decides.
    a.iter().rev().cmp(b.iter().rev())
}

/// `a -= b` over the limbs of `a`, returning the borrow out of the top limb (0 or 1).
fn subtract_in_place(a: &mut [Limb], b: &[Limb]) -> Limb {
    let mut borrow = false;
    for (a_limb, &b_limb) in a.iter_mut().zip(b) {
        let (difference, borrow_1) = a_limb.overflowing_sub(b_limb);
        let (difference, borrow_2) = difference.overflowing_sub(Limb::from(borrow));
        *a_limb = difference;
        borrow = borrow_1 || borrow_2;
    }
    Limb::from(borrow)
}

/// `a = 2a`, returning the bit shifted out of the top limb.
fn double_in_place(a: &mut [Limb]) -> Limb {
    let mut carry = 0;
    for limb in a.iter_mut() {
        let next_carry = *limb >> (Limb::BITS - 1);
        *limb = (*limb << 1) | carry;
        carry = next_carry;
    }
    carry
}

/// An odd modulus `n` of `L` limbs, with what Montgomery multiplication needs:
/// `n' = −n⁻¹ mod 2⁶⁴` and `R² mod n`, where `R = 2^(64·L)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct OddModulus {
    limbs: Vec<Limb>,
    negative_inverse: Limb,
    r_squared: Vec<Limb>,
}

impl OddModulus {
    /// The modulus from its big-endian bytes; `None` when it is even (zero included) or 1, where
    /// every residue is 0 and `R mod n` below would not be below `n`.
    pub(super) fn from_be_bytes(bytes: &[u8]) -> Option<Self> {
        let significant = &bytes[bytes.iter().take_while(|&&byte| byte == 0).count()..];
        let limbs = limbs_from_be_bytes(significant, significant.len().div_ceil(LIMB_BYTES))?;
        let lowest = *limbs.first()?;
        if lowest % 2 == 0 || bit_length(&limbs) == 1 {
            return None;
        }
        let mut modulus = Self {
            negative_inverse: inverse_modulo_limb(lowest).wrapping_neg(),
            r_squared: Vec::new(),
            limbs,
        };
        modulus.r_squared = modulus.compute_r_squared();
        Some(modulus)
    }

    /// The modulus's limbs, least significant first, with no zero limb on top.
    pub(super) fn limbs(&self) -> &[Limb] {
        &self.limbs
    }

    /// `base^exponent mod n`, for `base < n` of as many limbs as the modulus, by
    /// square-and-multiply from the exponent's top bit down. Public exponents are small (65537
    /// needs 16 squarings and one multiplication), so no window is worth its code.
    pub(super) fn pow(&self, base: &[Limb], exponent: u64) -> Vec<Limb> {
        debug_assert_eq!(compare(base, &self.limbs), Ordering::Less);
        let Some(top_bit) = exponent.checked_ilog2() else {
            return self.one();
        };
        let base = self.montgomery_form(base);
        // The top bit is set: the power starts as the base.
        let mut power = base.clone();
        for bit in (0..top_bit).rev() {
            power = self.montgomery_multiply(&power, &power);
            if (exponent >> bit) & 1 == 1 {
                power = self.montgomery_multiply(&power, &base);
            }
        }
        self.montgomery_reduce(&power)
    }

    /// `a · R mod n`, the Montgomery form of `a < n`.
    fn montgomery_form(&self, a: &[Limb]) -> Vec<Limb> {
        self.montgomery_multiply(a, &self.r_squared)
    }

    /// `a · R⁻¹ mod n`, the number whose Montgomery form is `a`.
    fn montgomery_reduce(&self, a: &[Limb]) -> Vec<Limb> {
        self.montgomery_multiply(a, &self.one())
    }

    /// The number 1, in as many limbs as the modulus (and below it: the modulus is above 1).
    fn one(&self) -> Vec<Limb> {
        let mut one = vec![0; self.limbs.len()];
        one[0] = 1;
        one
    }

    /// `a · b · R⁻¹ mod n` for `a, b < n`, with the result below `n` too.
    ///
    /// CIOS: for each limb of `a`, add `a[i] · b` to the running total `t`, then add the multiple
    /// `m · n` that makes the lowest limb zero and drop that limb. `t` stays below `2n` at the
    /// end of each round, so one conditional subtraction of `n` finishes.
    fn montgomery_multiply(&self, a: &[Limb], b: &[Limb]) -> Vec<Limb> {
        let n = &self.limbs;
        let len = n.len();
        debug_assert!(a.len() == len && b.len() == len);
        // Two limbs above n's: `t + a[i] · b` may pass 2^(64·(len + 1)) before the reduction.
        let mut t: Vec<Limb> = vec![0; len + 2];
        for &a_limb in a {
            let mut carry: WideLimb = 0;
            for (t_limb, &b_limb) in t.iter_mut().zip(b) {
                let sum = WideLimb::from(*t_limb)
                    + WideLimb::from(a_limb) * WideLimb::from(b_limb)
                    + carry;
                *t_limb = low_limb(sum);
                carry = sum >> Limb::BITS;
            }
            let sum = WideLimb::from(t[len]) + carry;
            t[len] = low_limb(sum);
            t[len + 1] = low_limb(sum >> Limb::BITS);

            // m makes t + m · n divisible by 2^64; that sum is written one limb lower, which is
            // the division.
            let m = t[0].wrapping_mul(self.negative_inverse);
            let sum = WideLimb::from(t[0]) + WideLimb::from(m) * WideLimb::from(n[0]);
            let mut carry = sum >> Limb::BITS;
            for j in 1..len {
                let sum = WideLimb::from(t[j]) + WideLimb::from(m) * WideLimb::from(n[j]) + carry;
                t[j - 1] = low_limb(sum);
                carry = sum >> Limb::BITS;
            }
            let sum = WideLimb::from(t[len]) + carry;
            t[len - 1] = low_limb(sum);
            // Both terms are 0 or 1, and their sum too: t < 2n < 2^(64·len + 1) from here.
            t[len] = t[len + 1] + low_limb(sum >> Limb::BITS);
            t[len + 1] = 0;
        }

        // t < 2n: at most one subtraction. A set limb above n's means t ≥ 2^(64·len) > n.
        let mut result = t;
        result.truncate(len + 1);
        let overflow = result.pop().unwrap_or(0);
        if overflow != 0 || compare(&result, n) != Ordering::Less {
            subtract_in_place(&mut result, n);
        }
        result
    }

    /// `R² mod n`, which turns numbers into Montgomery form.
    ///
    /// Doubling `2^(bits − 1)` (just below `n`) modulo `n` up to `R` gives `R mod n`, the
    /// Montgomery form of 1; `L` more doublings give `2^L · R mod n`. A Montgomery squaring turns
    /// `2^k · R` into `2^(2k) · R`, so six squarings (2⁶ = 64 bits a limb) give
    /// `2^(64·L) · R = R² mod n`: about `L + 64` cheap doublings and six multiplications, where
    /// doubling all the way would take `128 · L` doublings.
    fn compute_r_squared(&self) -> Vec<Limb> {
        let len = self.limbs.len();
        let bits = bit_length(&self.limbs);
        let mut power = vec![0; len];
        // bits ≥ 1: the modulus is odd.
        let top = bits - 1;
        power[top / Limb::BITS as usize] = 1 << (top % Limb::BITS as usize);
        let doublings = (len * Limb::BITS as usize - top) + len;
        for _ in 0..doublings {
            self.double_modulo(&mut power);
        }
        for _ in 0..Limb::BITS.trailing_zeros() {
            power = self.montgomery_multiply(&power, &power);
        }
        power
    }

    /// `a = 2a mod n` for `a < n`.
    fn double_modulo(&self, a: &mut [Limb]) {
        // 2a < 2n, so one subtraction suffices. When a bit leaves the top limb, 2a − n is still
        // right modulo 2^(64·L), and it is below n, so it fits.
        let carry = double_in_place(a);
        if carry != 0 || compare(a, &self.limbs) != Ordering::Less {
            subtract_in_place(a, &self.limbs);
        }
    }
}

/// The number of significant bits of a number.
fn bit_length(limbs: &[Limb]) -> usize {
    match limbs.iter().rposition(|&limb| limb != 0) {
        Some(top) => top * Limb::BITS as usize + (Limb::BITS - limbs[top].leading_zeros()) as usize,
        None => 0,
    }
}

/// `x⁻¹ mod 2⁶⁴` for odd `x`, by Newton's iteration: `y ← y · (2 − x · y)` doubles the
/// number of correct low bits, and `y = 1` is right in the lowest bit, so six rounds give 64.
fn inverse_modulo_limb(odd: Limb) -> Limb {
    let two: Limb = 2;
    let mut inverse: Limb = 1;
    for _ in 0..Limb::BITS.trailing_zeros() {
        inverse = inverse.wrapping_mul(two.wrapping_sub(odd.wrapping_mul(inverse)));
    }
    inverse
}

/// The low limb of a wide value; truncation is the point.
fn low_limb(wide: WideLimb) -> Limb {
    wide as Limb
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// `a · b mod n` by double-and-add in `u128`, for `n < 2^127`: a reference made of nothing
    /// but shifts, additions and comparisons.
    fn multiply_modulo_u128(a: u128, b: u128, n: u128) -> u128 {
        let mut product = 0;
        for bit in (0..128).rev() {
            product = (product << 1) % n;
            if (b >> bit) & 1 == 1 {
                product = (product + a) % n;
            }
        }
        product
    }

    fn pow_modulo_u128(base: u128, exponent: u64, n: u128) -> u128 {
        let mut power = 1 % n;
        for bit in (0..64).rev() {
            power = multiply_modulo_u128(power, power, n);
            if (exponent >> bit) & 1 == 1 {
                power = multiply_modulo_u128(power, base, n);
            }
        }
        power
    }

    fn modulus(n: u128) -> OddModulus {
        OddModulus::from_be_bytes(&n.to_be_bytes()).unwrap()
    }

    /// `a` in as many limbs as `modulus`.
    fn limbs(a: u128, modulus: &OddModulus) -> Vec<Limb> {
        limbs_from_be_bytes(&a.to_be_bytes(), modulus.limbs().len()).unwrap()
    }

    fn to_u128(limbs: &[Limb]) -> u128 {
        u128::from_be_bytes(be_bytes_from_limbs(limbs, 16).try_into().unwrap())
    }

    #[test]
    fn small_powers_checked_by_hand() {
        // 4^13 mod 497 = 445 (the textbook example of modular exponentiation).
        let n = modulus(497);
        assert_eq!(to_u128(&n.pow(&limbs(4, &n), 13)), 445);
        // 2^10 mod 1001 = 1024 − 1001 = 23.
        let n = modulus(1001);
        assert_eq!(to_u128(&n.pow(&limbs(2, &n), 10)), 23);
        // 3^65537 mod 7: 3 has order 6 modulo 7 and 65537 = 6 · 10922 + 5, so 3^5 = 243 = 5.
        let n = modulus(7);
        assert_eq!(to_u128(&n.pow(&limbs(3, &n), 65537)), 5);
        // (n − 1)^e = −1 mod n for odd e; 0^e = 0; 1^e = 1.
        let n = modulus(0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFC5);
        let minus_one = 0xFFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFFF_FFC4;
        assert_eq!(to_u128(&n.pow(&limbs(minus_one, &n), 65537)), minus_one);
        assert_eq!(to_u128(&n.pow(&limbs(0, &n), 3)), 0);
        assert_eq!(to_u128(&n.pow(&limbs(1, &n), 3)), 1);
        assert_eq!(to_u128(&n.pow(&limbs(5, &n), 0)), 1);
        // Exponent 1 returns the base: the conversions to and from Montgomery form cancel.
        assert_eq!(to_u128(&n.pow(&limbs(12345, &n), 1)), 12345);
    }

    #[test]
    fn even_and_zero_moduli_are_refused() {
        assert_eq!(OddModulus::from_be_bytes(&[]), None);
        assert_eq!(OddModulus::from_be_bytes(&[0, 0]), None);
        assert_eq!(OddModulus::from_be_bytes(&[0x01, 0x00]), None);
        assert_eq!(OddModulus::from_be_bytes(&[0, 0x01]), None);
        assert!(OddModulus::from_be_bytes(&[0, 0, 0x03]).is_some());
    }

    #[test]
    fn r_squared_for_a_one_limb_modulus() {
        // R = 2^64; R² mod n computed in u128 by the reference.
        let n: u128 = 0xC000_0000_0000_0001;
        let r_mod_n = (1u128 << 64) % n;
        let expected = multiply_modulo_u128(r_mod_n, r_mod_n, n);
        assert_eq!(to_u128(&modulus(n).r_squared), expected);
    }

    #[test]
    fn bytes_and_limbs() {
        let bytes = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09];
        let limbs = limbs_from_be_bytes(&bytes, 2).unwrap();
        assert_eq!(limbs, [0x0203_0405_0607_0809, 0x01]);
        assert_eq!(be_bytes_from_limbs(&limbs, 9), bytes);
        assert_eq!(be_bytes_from_limbs(&limbs, 11)[..2], [0, 0]);
        // Nine significant bytes need two limbs; leading zero bytes do not.
        assert_eq!(limbs_from_be_bytes(&bytes, 1), None);
        assert_eq!(limbs_from_be_bytes(&[0, 0, 0, 1], 1), Some(vec![1]));
        assert_eq!(bit_length(&limbs), 65);
        assert_eq!(bit_length(&[0, 0]), 0);
    }

    proptest! {
        #[test]
        fn inverse_is_an_inverse(odd in any::<u64>().prop_map(|x| x | 1)) {
            prop_assert_eq!(odd.wrapping_mul(inverse_modulo_limb(odd)), 1);
        }

        #[test]
        fn one_limb_powers_match_u128(
            n in (3u64..).prop_map(|n| n | 1),
            base in any::<u64>(),
            exponent in any::<u64>(),
        ) {
            let n = u128::from(n);
            let base = u128::from(base) % n;
            let modulus = modulus(n);
            let power = modulus.pow(&limbs(base, &modulus), exponent);
            prop_assert_eq!(to_u128(&power), pow_modulo_u128(base, exponent, n));
        }

        /// Two limbs: the carries between limbs, and the top limb partly or fully used.
        #[test]
        fn two_limb_powers_match_u128(
            n in ((1u128 << 64) + 1..1 << 127).prop_map(|n| n | 1),
            base in any::<u128>(),
            exponent in prop_oneof![Just(3u64), Just(65537), 1u64..1 << 33],
        ) {
            let base = base % n;
            let modulus = modulus(n);
            let power = modulus.pow(&limbs(base, &modulus), exponent);
            prop_assert_eq!(to_u128(&power), pow_modulo_u128(base, exponent, n));
        }

        /// Moduli whose top bits are all set: `t` comes closest to `2n` there.
        #[test]
        fn products_near_the_top_match_u128(
            low in any::<u64>(),
            a in any::<u128>(),
            b in any::<u128>(),
        ) {
            let n = ((u128::MAX >> 1) - u128::from(low)) | 1;
            let modulus = modulus(n);
            let (a, b) = (a % n, b % n);
            // a · b · R⁻¹, then times R² and R⁻¹ again: a · b mod n.
            let montgomery = modulus.montgomery_multiply(&limbs(a, &modulus), &limbs(b, &modulus));
            let product = modulus.montgomery_multiply(&montgomery, &modulus.r_squared);
            prop_assert_eq!(to_u128(&product), multiply_modulo_u128(a, b, n));
        }

        /// For `n = p · q`, `p · q · R⁻¹` is 0 modulo n: the sum CIOS reduces is then exactly
        /// `n`, which must be subtracted too.
        #[test]
        fn a_product_divisible_by_the_modulus_is_zero(
            p in (3u64..).prop_map(|p| p | 1),
            q in (3u64..1 << 62).prop_map(|q| q | 1),
        ) {
            let n = u128::from(p) * u128::from(q);
            let modulus = modulus(n);
            let product = modulus.montgomery_multiply(
                &limbs(u128::from(p), &modulus),
                &limbs(u128::from(q), &modulus),
            );
            prop_assert_eq!(to_u128(&product), 0);
        }

        #[test]
        fn bytes_round_trip(value in any::<u128>()) {
            let bytes = value.to_be_bytes();
            let limbs = limbs_from_be_bytes(&bytes, 2).unwrap();
            prop_assert_eq!(be_bytes_from_limbs(&limbs, 16), bytes.to_vec());
            prop_assert_eq!(bit_length(&limbs), (128 - value.leading_zeros()) as usize);
        }
    }
}
